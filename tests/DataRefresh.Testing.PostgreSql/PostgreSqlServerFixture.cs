using DataRefresh.Providers.PostgreSql.Local;
using Npgsql;
using Xunit;

namespace DataRefresh.Testing;

/// <summary>
/// A real PostgreSQL server for a test assembly: the one named by <c>DATAREFRESH_TEST_POSTGRES</c> (a superuser connection
/// string), or else a throwaway local cluster started from the installed binaries. Where neither is possible the tests
/// that need it are skipped locally, with the reason, but fail on CI (CI=true), so a missing server never passes silently.
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    public const string ServerVariable = "DATAREFRESH_TEST_POSTGRES";

    private LocalPostgreSqlCluster? cluster;
    private string? unavailableReason;
    private int databaseCounter;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }

        try
        {
            cluster = await LocalPostgreSqlCluster.StartAsync();
            ConnectionString = cluster.ConnectionString;
        }
        catch (Exception exception)
        {
            unavailableReason = $"No PostgreSQL server for integration tests: {exception.Message} Set {ServerVariable} or install the Debian postgresql package.";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Call first in every test that needs the server.</summary>
    public void RequireServer()
    {
        if (unavailableReason is null)
        {
            return;
        }

        MachineRequirement.Missing(unavailableReason);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>A database name no other test uses.</summary>
    public string UniqueName(string prefix) => $"{prefix}_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 20)];

    public async Task<string> CreateDatabaseAsync(string prefix, string? script = null, CancellationToken cancellationToken = default)
    {
        var name = UniqueName(prefix);
        await ExecuteAsync(ConnectionString, $"CREATE DATABASE \"{name}\"", cancellationToken);
        if (script is not null)
        {
            await ExecuteAsync(ConnectionStringFor(name), script, cancellationToken);
        }

        return name;
    }

    /// <summary>A login role with a password (the test server authenticates with scram-sha-256) and any role options.</summary>
    public async Task<string> CreateLoginRoleAsync(string prefix, string password, string options = "", CancellationToken cancellationToken = default)
    {
        var role = UniqueName(prefix).ToLowerInvariant();
        await ExecuteAsync(ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD '{password}' {options}", cancellationToken);
        return role;
    }

    /// <summary>The same connection string, logging in as another role.</summary>
    public static string ConnectAs(string connectionString, string role, string password) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = password }.ConnectionString;

    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Test queries do not pool: a refresh's cut-over ends every session on the old target, and a pooled connection
    /// would come back broken.
    /// </summary>
    public static string Unpooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>
    /// The databases a run leaves beside <paramref name="target"/>, sorted: every name that starts with
    /// <c>&lt;target&gt;__</c> (the tool's <c>__refresh_&lt;run&gt;</c> and <c>__retired_&lt;run&gt;</c>, and anything else so
    /// named), leaving out <c>&lt;target&gt;__previous</c> unless <paramref name="includePrevious"/>. LIKE wildcards in the
    /// target are escaped. Side names of targets too long for PostgreSQL's 63 bytes are cut and carry a digest; those are
    /// not found here, so such a target is refused rather than reported as having nothing beside it.
    /// </summary>
    public async Task<IReadOnlyList<string>> DatabasesBesideAsync(string target, bool includePrevious = false, CancellationToken cancellationToken = default)
    {
        const int longestUncutSuffix = 28; // "__refresh_" and an 18-character run id
        if (System.Text.Encoding.UTF8.GetByteCount(target) + longestUncutSuffix > 63)
        {
            throw new ArgumentException($"'{target}' is too long: its side databases would carry cut names.", nameof(target));
        }

        var escaped = target.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        var names = new List<string>();
        await using var connection = new NpgsqlConnection(Unpooled(ConnectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE @pattern ORDER BY datname", connection);
        command.Parameters.AddWithValue("pattern", escaped + @"\_\_%");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (includePrevious || name != target + "__previous")
            {
                names.Add(name);
            }
        }

        return names;
    }

    public async Task<bool> DatabaseExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }
}
