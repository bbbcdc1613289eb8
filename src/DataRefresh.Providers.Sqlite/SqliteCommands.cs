using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite;

/// <summary>
/// Where the SQLite provider makes its commands. Their text is built from identifiers quoted through
/// <see cref="SqliteDialect"/> and from SQL the source itself holds (its schema) or the job names (filters, after steps);
/// values are always parameters. Transactions are begun and ended by statement, outside Microsoft.Data.Sqlite's
/// transaction object, so commands need not carry one.
/// </summary>
internal static class SqliteCommands
{
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "See the type's summary: quoted identifiers, the source's own schema SQL and the job's SQL; values are parameters.")]
    public static SqliteCommand Create(string sql, SqliteConnection connection) => new(sql, connection);

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = Create(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = Create(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Ends an open transaction, if any; never throws, since it runs on the way out of a failure.</summary>
    public static async Task RollBackAsync(SqliteConnection connection)
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            }
        }
        catch (SqliteException)
        {
            // The transaction is gone already (SQLite rolls back by itself after some errors).
        }
    }
}
