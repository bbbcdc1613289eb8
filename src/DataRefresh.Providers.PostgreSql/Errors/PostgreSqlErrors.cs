using System.Net.Sockets;
using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Errors;

/// <summary>
/// Turns Npgsql and server errors into one sentence with an exit code, never quoting a row value. PostgreSQL puts values in
/// DETAIL ("Key (email)=(…)"), in WHERE ("COPY t, line 5, column c: …") and in quotes inside some messages ("invalid input
/// syntax for type integer: …"): DETAIL and WHERE are dropped, and quoted text is kept only when it is an identifier
/// the server itself reports in the error's fields.
/// </summary>
internal static partial class PostgreSqlErrors
{
    public static DataRefreshException? Explain(Exception exception, string? context = null)
    {
        var prefix = context is null ? "" : context + ": ";
        return exception switch
        {
            DataRefreshException known => known,
            PostgresException server => ExplainServerError(server, prefix),
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } unreachable => new DataRefreshException(
                ExitCodes.DatabaseUnavailable,
                $"{prefix}cannot reach the PostgreSQL server ({unreachable.InnerException!.Message}); check host, port and network, then retry.",
                exception),
            NpgsqlException client => new DataRefreshException(ExitCodes.RefreshFailed, $"{prefix}{client.Message.TrimEnd('.')}.", exception),
            _ => null,
        };
    }

    /// <summary>
    /// Connection losses (class 08, a broken socket or stream), server shutdown or restart (57P01–57P03), too many
    /// connections (53300), serialization failures (40001) and deadlocks (40P01): a new attempt may succeed. A full disk
    /// (53100) is not here on purpose: retrying only fills it again.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException server:
                    return server.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || server.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "40001" or "40P01";
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException or EndOfStreamException }:
                    return true;
            }
        }

        return false;
    }

    public static string Sanitize(PostgresException error)
    {
        var identifiers = new[] { error.SchemaName, error.TableName, error.ColumnName, error.ConstraintName, error.DataTypeName }
            .Where(name => !string.IsNullOrEmpty(name))
            .ToHashSet(StringComparer.Ordinal);
        var text = QuotedText().Replace(error.MessageText, match => identifiers.Contains(match.Groups[1].Value) ? match.Value : "\"…\"");
        return ByteSequence().Replace(text, "0x…");
    }

    private static DataRefreshException ExplainServerError(PostgresException error, string prefix)
    {
        var (exitCode, advice) = error.SqlState switch
        {
            "28P01" or "28000" => (ExitCodes.DatabaseUnavailable, "check the user name and password in the connection string"),
            "3D000" => (ExitCodes.DatabaseUnavailable, "check the database name in the connection string"),
            "42501" => (ExitCodes.RefreshFailed, "grant the missing privilege to the user in the connection string"),
            "53100" => (ExitCodes.RefreshFailed, "free disk space on the target server; the target was not changed"),
            "57014" => (ExitCodes.Cancelled, "the statement was cancelled"),
            "57P01" or "57P02" or "57P03" or "08006" or "08003" or "08001" => (ExitCodes.DatabaseUnavailable, "the server went away; retry when it is back"),
            _ => (ExitCodes.RefreshFailed, "the target was not changed"),
        };

        // Authentication messages quote the user name; say it plainly without echoing anything the server sent.
        var message = error.SqlState is "28P01" or "28000" ? "authentication failed" : Sanitize(error);
        return new DataRefreshException(exitCode, $"{prefix}PostgreSQL error {error.SqlState}: {message.TrimEnd('.')}; {advice}.", error);
    }

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedText();

    [GeneratedRegex("0x[0-9a-fA-F]{2}( 0x[0-9a-fA-F]{2})*")]
    private static partial Regex ByteSequence();
}
