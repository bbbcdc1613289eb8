using System.Diagnostics.CodeAnalysis;
using System.Text;
using DataRefresh.Core.Jobs;
using DataRefresh.Providers.Sqlite.Errors;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DataRefresh.Providers.Sqlite.Target;

/// <summary>
/// Runs an <c>after:</c> step on the side file: the SQL file in one transaction (all of it or nothing), statement by
/// statement as SQLite's own parser cuts it (so trigger bodies and quoted semicolons stay whole, and an error names the
/// line its statement starts on), then each expect query inside a transaction that is rolled back, counting its rows.
/// </summary>
internal static class SqliteAfterStep
{
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Running the job's after-step SQL file as written is the point of the step; it comes from the job's own configuration, like the rule files.")]
    public static async Task<IReadOnlyList<long>> RunAsync(SqliteConnection connection, AfterStep step, CancellationToken cancellationToken = default)
    {
        await SqliteCommands.ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(step.Sql);
            // Each statement is cut and run before the next is read: a statement may use a table an earlier one created.
            for (var offset = 0; NextStatement(connection, step, bytes, ref offset) is var (line, text);)
            {
                if (text.Length == 0)
                {
                    continue;
                }

                await using var command = SqliteCommands.Create(text, connection);
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (SqliteException error) when (!cancellationToken.IsCancellationRequested)
                {
                    throw SqliteErrors.Explain(error, $"after step {step.SqlFile}:{line}")!;
                }
            }

            await SqliteCommands.ExecuteAsync(connection, "COMMIT", cancellationToken);
        }
        finally
        {
            await SqliteCommands.RollBackAsync(connection);
        }

        var counts = new List<long>();
        foreach (var expect in step.Expect)
        {
            counts.Add(await CountRowsAsync(connection, expect, cancellationToken));
        }

        return counts;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The expect queries are written in the job file to be run as they are.")]
    private static async Task<long> CountRowsAsync(SqliteConnection connection, ExpectQuery expect, CancellationToken cancellationToken)
    {
        // Inside a transaction that is always rolled back, so a check can never change what it checks.
        await SqliteCommands.ExecuteAsync(connection, "BEGIN", cancellationToken);
        try
        {
            await using var command = SqliteCommands.Create(expect.Sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
            }

            return rows;
        }
        catch (SqliteException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqliteErrors.Explain(error, $"{expect.Location}: the expect query failed")!;
        }
        finally
        {
            await SqliteCommands.RollBackAsync(connection);
        }
    }

    /// <summary>The statement at <paramref name="offset"/> with the line it starts on, cut by <c>sqlite3_prepare</c> itself; null at the end.</summary>
    private static (int Line, string Text)? NextStatement(SqliteConnection connection, AfterStep step, byte[] bytes, ref int offset)
    {
        if (offset >= bytes.Length)
        {
            return null;
        }

        var rest = bytes.AsSpan(offset);
        var code = raw.sqlite3_prepare_v2(connection.Handle, rest, out var statement, out var tail);
        using (statement)
        {
            var used = code == raw.SQLITE_OK ? rest.Length - tail.Length : rest.Length;
            var text = Encoding.UTF8.GetString(rest[..used]);
            var start = offset + (used - Encoding.UTF8.GetByteCount(text.TrimStart()));
            var line = 1 + Encoding.UTF8.GetString(bytes, 0, start).Count(character => character == '\n');
            if (code != raw.SQLITE_OK)
            {
                var message = SqliteErrors.Sanitize(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), code);
                throw new Core.Errors.DataRefreshException(
                    Core.Errors.ExitCodes.RefreshFailed, $"after step {step.SqlFile}:{line}: SQLite error {code} ({message}); the target was not changed.");
            }

            offset += Math.Max(used, 1);
            return (line, statement.IsInvalid ? "" : text.Trim());
        }
    }
}
