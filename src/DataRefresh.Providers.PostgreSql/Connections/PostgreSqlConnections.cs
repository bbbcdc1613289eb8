using System.Diagnostics.CodeAnalysis;
using DataRefresh.Providers.PostgreSql.Errors;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Connections;

/// <summary>Opening connections with errors that say which environment failed, and running statements without results.</summary>
internal static class PostgreSqlConnections
{
    public static async Task<NpgsqlConnection> OpenAsync(PostgreSqlConnectionInfo info, string role, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(info.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw PostgreSqlErrors.Explain(exception, $"cannot connect to the {role} database ({info.Describe()})")
                ?? new Core.Errors.DataRefreshException(Core.Errors.ExitCodes.DatabaseUnavailable, $"cannot connect to the {role} database ({info.Describe()}).");
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "For statements that take no parameters (DDL, LOCK, SET, EXPLAIN): callers build them from constants, identifiers quoted through PostgreSqlDialect.Quote, numbers the code computes, and a rule file's where: filter, which is SQL by design.")]
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The one value a constant query returns (catalog questions that take no parameters).</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Callers pass constant queries without parameters.")]
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
