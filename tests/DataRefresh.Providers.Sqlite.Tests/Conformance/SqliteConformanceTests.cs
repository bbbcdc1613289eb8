using DataRefresh.Core.Configuration;
using DataRefresh.Core.Providers;
using DataRefresh.Testing.Conformance;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Tests.Conformance;

/// <summary>The provider conformance suite on real SQLite files.</summary>
public sealed class SqliteConformanceTests(SqliteFolder folder) : ProviderConformanceTests, IClassFixture<SqliteFolder>
{
    // WAL, as a source written to while it is read must be: in rollback-journal mode a writer waits for the run's read.
    private const string People = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE people (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, born DATE, balance DECIMAL_TEXT(12,2), seen TIMESTAMP,
            seen_at TIMESTAMPTZ, token UUID, photo BLOB, doc JSON_TEXT);
        CREATE UNIQUE INDEX people_email_key ON people (email);
        """;

    protected override IRefreshProvider Provider { get; } = new SqliteProvider();

    protected override Task<EnvironmentSettings> CreateSourceAsync()
    {
        var file = folder.File(SqliteFolder.UniqueName("src"));
        SqliteFolder.Execute(file, People);
        return Task.FromResult(SqliteFolder.Environment("prod", file, production: true));
    }

    protected override EnvironmentSettings NewTarget() => SqliteFolder.Environment("staging", folder.File(SqliteFolder.UniqueName("dst")), production: false);

    protected override EnvironmentSettings Beside(EnvironmentSettings target, string database) =>
        target with { ConnectionString = $"Data Source={folder.File(database)}" };

    protected override string DatabaseOf(EnvironmentSettings environment) => Path.GetFileName(File(environment));

    protected override async Task InsertAsync(EnvironmentSettings database, IReadOnlyList<ConformancePerson> people)
    {
        using var connection = SqliteFolder.Open(File(database));
        foreach (var person in people)
        {
            using var insert = new SqliteCommand("INSERT INTO people VALUES (@id, @name, @email, @born, @balance, @seen, @seen_at, @token, @photo, @doc)", connection);
            insert.Parameters.AddWithValue("@id", person.Id);
            insert.Parameters.AddWithValue("@name", person.Name);
            insert.Parameters.AddWithValue("@email", (object?)person.Email ?? DBNull.Value);
            insert.Parameters.AddWithValue("@born", (object?)person.Born?.ToString("yyyy-MM-dd") ?? DBNull.Value);
            insert.Parameters.AddWithValue("@balance", (object?)person.Balance?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? DBNull.Value);
            insert.Parameters.AddWithValue("@seen", (object?)person.Seen?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF") ?? DBNull.Value);
            insert.Parameters.AddWithValue("@seen_at", (object?)person.SeenAt?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF") + "+00:00" is var at && person.SeenAt is null ? DBNull.Value : at);
            insert.Parameters.AddWithValue("@token", (object?)person.Token?.ToString("D") ?? DBNull.Value);
            insert.Parameters.AddWithValue("@photo", (object?)person.Photo ?? DBNull.Value);
            insert.Parameters.AddWithValue("@doc", (object?)person.Doc ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(Token);
        }
    }

    protected override async Task<IReadOnlyList<ConformancePerson>> ReadAsync(EnvironmentSettings database)
    {
        using var connection = SqliteFolder.Open(File(database));
        using var select = new SqliteCommand("SELECT id, name, email, born, balance, seen, seen_at, token, photo, doc FROM people ORDER BY id", connection);
        using var reader = await select.ExecuteReaderAsync(Token);
        var people = new List<ConformancePerson>();
        while (await reader.ReadAsync(Token))
        {
            string? Text(int column) => reader.IsDBNull(column) ? null : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture);
            people.Add(new ConformancePerson(
                reader.GetInt64(0), reader.GetString(1), Text(2),
                Text(3) is { } born ? DateOnly.ParseExact(born, "yyyy-MM-dd") : null,
                Text(4) is { } balance ? decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture) : null,
                Text(5) is { } seen ? DateTime.Parse(seen, System.Globalization.CultureInfo.InvariantCulture) : null,
                Text(6) is { } seenAt ? DateTimeOffset.Parse(seenAt, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime : null,
                Text(7) is { } token ? Guid.Parse(token) : null,
                reader.IsDBNull(8) ? null : (byte[])reader.GetValue(8),
                Text(9)));
        }

        return people;
    }

    protected override async Task<long> InsertWithGeneratedIdAsync(EnvironmentSettings database)
    {
        using var connection = SqliteFolder.Open(File(database));
        using var insert = new SqliteCommand("INSERT INTO people (name) VALUES ('generated') RETURNING id", connection);
        return (long)(await insert.ExecuteScalarAsync(Token))!;
    }

    protected override Task DropEmailKeyAsync(EnvironmentSettings database)
    {
        SqliteFolder.Execute(File(database), "DROP INDEX people_email_key");
        return Task.CompletedTask;
    }

    protected override Task WidenEmailKeyAsync(EnvironmentSettings database)
    {
        SqliteFolder.Execute(File(database), "DROP INDEX people_email_key; CREATE UNIQUE INDEX people_email_key ON people (email, name)");
        return Task.CompletedTask;
    }

    /// <summary>SQLite's own messages never quote values, but a trigger's RAISE text can.</summary>
    protected override async Task<Exception> ProvokeErrorQuotingAsync(EnvironmentSettings database, string plantedValue)
    {
        SqliteFolder.Execute(File(database), "CREATE TRIGGER people_check BEFORE INSERT ON people BEGIN SELECT RAISE(ABORT, 'refused: ' || NEW.email); END");
        return await Assert.ThrowsAsync<SqliteException>(() => InsertAsync(database, [ConformancePerson.Sample(1)[0] with { Email = plantedValue }]));
    }

    protected override Task<bool> SetOutOfRangeBalanceAsync(EnvironmentSettings database, long id)
    {
        SqliteFolder.Execute(File(database), $"UPDATE people SET balance = 'NaN' WHERE id = {id}");
        return Task.FromResult(true);
    }

    protected override Exception TransientFailure() => new SqliteException("database is locked", 5);

    private static string File(EnvironmentSettings environment) => new SqliteConnectionStringBuilder(environment.ConnectionString).DataSource;
}
