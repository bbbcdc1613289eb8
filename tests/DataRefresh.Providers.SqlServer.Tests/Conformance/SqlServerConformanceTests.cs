using DataRefresh.Core.Configuration;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.SqlServer.Tests.Errors;
using DataRefresh.Testing.Conformance;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Tests.Conformance;

/// <summary>
/// The provider conformance suite on a real SQL Server (<see cref="SqlServerInstance"/>): skipped with its reason where
/// there is none, as on this project's machines; run by the public sqlserver workflow. Until it has passed there, the
/// provider declares itself unverified.
/// </summary>
public class SqlServerConformanceTests(SqlServerInstance server) : ProviderConformanceTests, IClassFixture<SqlServerInstance>
{
    // A filtered unique index: a unique constraint would allow one NULL e-mail only, and the sample has several.
    private const string People = """
        ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
        CREATE TABLE dbo.people (
            id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT people_pkey PRIMARY KEY, name nvarchar(200) NOT NULL, email nvarchar(320) NULL,
            born date NULL, balance decimal(12, 2) NULL, seen datetime2(7) NULL, seen_at datetimeoffset(7) NULL, token uniqueidentifier NULL,
            photo varbinary(max) NULL, doc nvarchar(max) NULL);
        CREATE UNIQUE INDEX people_email_key ON dbo.people (email) WHERE email IS NOT NULL;
        """;

    private int databases;

    protected override IRefreshProvider Provider { get; } = new SqlServerProvider(TimeProvider.System);

    /// <summary>The source's consistency mode: null for the default, one SNAPSHOT transaction.</summary>
    protected virtual string? Consistency => null;

    protected override async Task<EnvironmentSettings> CreateSourceAsync()
    {
        var connectionString = await server.CreateDatabaseAsync(Name("src"), Token);
        await ExecuteAsync(connectionString, People);
        return new EnvironmentSettings("prod", ProviderKind.SqlServer, connectionString, Production: true) { Consistency = Consistency };
    }

    protected override EnvironmentSettings NewTarget() =>
        new("staging", ProviderKind.SqlServer, new SqlConnectionStringBuilder(server.Require()) { InitialCatalog = Name("dst") }.ConnectionString, Production: false);

    protected override EnvironmentSettings Beside(EnvironmentSettings target, string database) =>
        target with { ConnectionString = new SqlConnectionStringBuilder(target.ConnectionString) { InitialCatalog = database }.ConnectionString };

    protected override string DatabaseOf(EnvironmentSettings environment) => new SqlConnectionStringBuilder(environment.ConnectionString).InitialCatalog;

    protected override async Task InsertAsync(EnvironmentSettings database, IReadOnlyList<ConformancePerson> people)
    {
        await using var connection = await OpenAsync(database.ConnectionString);
        foreach (var person in people)
        {
            await using var insert = new SqlCommand(
                "SET IDENTITY_INSERT dbo.people ON; INSERT INTO dbo.people (id, name, email, born, balance, seen, seen_at, token, photo, doc) " +
                "VALUES (@id, @name, @email, @born, @balance, @seen, @seen_at, @token, @photo, @doc); SET IDENTITY_INSERT dbo.people OFF;",
                connection);
            insert.Parameters.AddWithValue("@id", person.Id);
            insert.Parameters.AddWithValue("@name", person.Name);
            insert.Parameters.AddWithValue("@email", (object?)person.Email ?? DBNull.Value);
            insert.Parameters.Add("@born", System.Data.SqlDbType.Date).Value = (object?)person.Born?.ToDateTime(TimeOnly.MinValue) ?? DBNull.Value;
            insert.Parameters.Add("@balance", System.Data.SqlDbType.Decimal).Value = (object?)person.Balance ?? DBNull.Value;
            insert.Parameters.Add("@seen", System.Data.SqlDbType.DateTime2).Value = (object?)person.Seen ?? DBNull.Value;
            insert.Parameters.Add("@seen_at", System.Data.SqlDbType.DateTimeOffset).Value = person.SeenAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : DBNull.Value;
            insert.Parameters.Add("@token", System.Data.SqlDbType.UniqueIdentifier).Value = (object?)person.Token ?? DBNull.Value;
            insert.Parameters.Add("@photo", System.Data.SqlDbType.VarBinary, -1).Value = (object?)person.Photo ?? DBNull.Value;
            insert.Parameters.Add("@doc", System.Data.SqlDbType.NVarChar, -1).Value = (object?)person.Doc ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(Token);
        }
    }

    protected override async Task<IReadOnlyList<ConformancePerson>> ReadAsync(EnvironmentSettings database)
    {
        await using var connection = await OpenAsync(database.ConnectionString);
        await using var select = new SqlCommand("SELECT id, name, email, born, balance, seen, seen_at, token, photo, doc FROM dbo.people ORDER BY id;", connection);
        await using var reader = await select.ExecuteReaderAsync(Token);
        var people = new List<ConformancePerson>();
        while (await reader.ReadAsync(Token))
        {
            T? Value<T>(int column) where T : struct => reader.IsDBNull(column) ? null : reader.GetFieldValue<T>(column);
            people.Add(new ConformancePerson(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                Value<DateTime>(3) is { } born ? DateOnly.FromDateTime(born) : null,
                Value<decimal>(4),
                Value<DateTime>(5),
                Value<DateTimeOffset>(6)?.UtcDateTime,
                Value<Guid>(7),
                reader.IsDBNull(8) ? null : (byte[])reader.GetValue(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return people;
    }

    protected override async Task<long> InsertWithGeneratedIdAsync(EnvironmentSettings database)
    {
        await using var connection = await OpenAsync(database.ConnectionString);
        await using var insert = new SqlCommand("INSERT INTO dbo.people (name) OUTPUT inserted.id VALUES (N'generated');", connection);
        return (long)(await insert.ExecuteScalarAsync(Token));
    }

    protected override Task DropEmailKeyAsync(EnvironmentSettings database) => ExecuteAsync(database.ConnectionString, "DROP INDEX people_email_key ON dbo.people;");

    protected override Task WidenEmailKeyAsync(EnvironmentSettings database) =>
        ExecuteAsync(database.ConnectionString, "DROP INDEX people_email_key ON dbo.people; CREATE UNIQUE INDEX people_email_key ON dbo.people (email, name) WHERE email IS NOT NULL;");

    /// <summary>Error 2601 quotes the duplicate key value.</summary>
    protected override async Task<Exception> ProvokeErrorQuotingAsync(EnvironmentSettings database, string plantedValue)
    {
        var person = ConformancePerson.Sample(1)[0] with { Email = plantedValue };
        await InsertAsync(database, [person with { Id = 9001 }]);
        return await Assert.ThrowsAsync<SqlException>(() => InsertAsync(database, [person with { Id = 9002 }]));
    }

    /// <summary>decimal(12, 2) holds nothing beyond .NET's decimal.</summary>
    protected override Task<bool> SetOutOfRangeBalanceAsync(EnvironmentSettings database, long id) => Task.FromResult(false);

    protected override Exception TransientFailure() => SqlExceptions.Create(1205, "Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.", 13);

    private string Name(string kind) => $"dr_conf_{Consistency ?? "Snapshot"}_{kind}_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}";

    private static async Task<SqlConnection> OpenAsync(string connectionString)
    {
        var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Token);
        return connection;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}

/// <summary>
/// The same suite with the source read from a database snapshot, the mode whose parallel readers share one point in
/// time: the people table is cut into ranges of its clustered key (<see cref="SqlServer.Source.KeyRangeSlices"/>).
/// </summary>
public sealed class SqlServerDatabaseSnapshotConformanceTests(SqlServerInstance server) : SqlServerConformanceTests(server)
{
    protected override string? Consistency => "DatabaseSnapshot";

    protected override bool AllowSmallSlices(ISourceSnapshot snapshot)
    {
        ((SqlServer.Source.SqlServerSourceSnapshot)snapshot).MinimumSliceRows = 1;
        return true;
    }
}
