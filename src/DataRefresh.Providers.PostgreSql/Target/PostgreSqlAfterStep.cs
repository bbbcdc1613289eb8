using System.Diagnostics.CodeAnalysis;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Providers.PostgreSql.Errors;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Target;

/// <summary>
/// Runs an <c>after:</c> step on the side database: the SQL file in one transaction (all of it or nothing), then each
/// expect query in a read-only transaction, counting its rows without reading a value. Server errors are sanitized and say
/// which file and line (the failing statement's, or the server's error position in it) or which expect query failed.
/// </summary>
internal static class PostgreSqlAfterStep
{
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Running the job's after-step SQL file as written is the point of the step; it comes from the job's own configuration, like the rule files.")]
    public static async Task<IReadOnlyList<long>> RunAsync(NpgsqlConnection connection, AfterStep step, CancellationToken cancellationToken = default)
    {
        // Statement by statement, so a server error says which statement failed, and its position becomes a file line.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var (offset, text) in SqlScriptStatements.Split(step.Sql))
            {
                await using var command = new NpgsqlCommand(text, connection, transaction) { CommandTimeout = 0 };
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException error) when (!cancellationToken.IsCancellationRequested)
                {
                    throw PostgreSqlErrors.Explain(error, $"after step {step.SqlFile}:{LineOf(step.Sql, offset, error.Position)}")!;
                }
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

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The expect queries are written in the job file to be run as they are, read-only.")]
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
    /// The file line of a server error: the line where the failing statement starts, or where the server's position (1-based,
    /// within the statement; 0 when it gave none) points.
    /// </summary>
    internal static int LineOf(string sql, int statementOffset, int position)
    {
        var offset = Math.Min(sql.Length, statementOffset + Math.Max(0, position - 1));
        return 1 + sql.AsSpan(0, offset).Count('\n');
    }
}
