using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Providers.PostgreSql.Errors;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Target;

/// <summary>
/// Runs an <c>after:</c> step on the side database: the SQL file in one transaction (all of it or nothing), then each
/// expect query in a read-only transaction, counting its rows without reading a value. Server errors are sanitized and say
/// which file (and line, from the server's error position) or which expect query failed.
/// </summary>
internal static class PostgreSqlAfterStep
{
    public static async Task<IReadOnlyList<long>> RunAsync(NpgsqlConnection connection, AfterStep step, CancellationToken cancellationToken = default)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var command = new NpgsqlCommand(step.Sql, connection, transaction) { CommandTimeout = 0 };
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw PostgreSqlErrors.Explain(error, $"after step {step.SqlFile}{LineOf(step.Sql, error)}")!;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var counts = new List<long>();
        foreach (var expect in step.Expect)
        {
            counts.Add(await CountRowsAsync(connection, expect, cancellationToken));
        }

        return counts;
    }

    private static async Task<long> CountRowsAsync(NpgsqlConnection connection, ExpectQuery expect, CancellationToken cancellationToken)
    {
        // Read-only, so a check can never change what it checks; rolled back when disposed.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(expect.Sql, connection, transaction) { CommandTimeout = 0 };
        try
        {
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
            }

            return rows;
        }
        catch (PostgresException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(error, $"{expect.Location}: the expect query failed")!;
        }
    }

    /// <summary>
    /// ":line" for a server error that has a position. Npgsql sends a file's statements one by one, so the position counts
    /// from the start of the failing statement, which is found again in the file's text.
    /// </summary>
    internal static string LineOf(string sql, PostgresException error)
    {
        if (error.Position <= 0)
        {
            return "";
        }

        var statement = error.BatchCommand?.CommandText;
        var start = string.IsNullOrEmpty(statement) ? 0 : sql.IndexOf(statement, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var offset = Math.Min(sql.Length, start + error.Position - 1);
        return ":" + (1 + sql.AsSpan(0, offset).Count('\n'));
    }
}
