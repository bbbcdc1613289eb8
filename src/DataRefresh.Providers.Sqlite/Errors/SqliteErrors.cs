using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Errors;

/// <summary>
/// Turns SQLite errors into one sentence with an exit code, never quoting a row value. SQLite's own messages name tables
/// and columns, not values, but a trigger's <c>RAISE(…)</c> and a CHECK's expression are user text that may carry one, and
/// so may an application-defined message: only messages of the shapes SQLite writes itself are kept, everything else is
/// reduced to the error's name.
/// </summary>
internal static partial class SqliteErrors
{
    public static DataRefreshException? Explain(Exception exception, string? context = null)
    {
        var prefix = context is null ? "" : context + ": ";
        if (exception is DataRefreshException known)
        {
            return known;
        }

        if (exception is not SqliteException error)
        {
            return null;
        }

        var (exitCode, advice) = error.SqliteErrorCode switch
        {
            5 or 6 => (ExitCodes.TargetBusy, "another program holds the file locked; close it or retry later"),
            13 => (ExitCodes.RefreshFailed, "free disk space; the target was not changed"),
            14 => (ExitCodes.DatabaseUnavailable, "check the path in the connection string and that the folder is readable and writable"),
            8 => (ExitCodes.RefreshFailed, "the file or its folder is read-only for this user"),
            11 or 26 => (ExitCodes.DatabaseUnavailable, "the file is not a SQLite database or is damaged"),
            _ => (ExitCodes.RefreshFailed, "the target was not changed"),
        };
        // Not chained to the driver's exception: its message is SQLite's text, which a trigger's RAISE can fill with a value.
        return new DataRefreshException(exitCode, $"{prefix}SQLite error {error.SqliteErrorCode} ({Sanitize(error)}); {advice}.");
    }

    /// <summary>
    /// SQLITE_BUSY and SQLITE_LOCKED: another connection holds the file for a moment; a new attempt may succeed. A full disk,
    /// a read-only file or a damaged one stays as it is.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException error)
            {
                return error.SqliteErrorCode is 5 or 6;
            }
        }

        return false;
    }

    /// <summary>SQLite's message when it is one SQLite writes about names only; otherwise the error's name.</summary>
    public static string Sanitize(SqliteException error)
    {
        var message = error.Message;
        var text = message.StartsWith("SQLite Error ", StringComparison.Ordinal) && message.IndexOf(": '", StringComparison.Ordinal) is var at and > 0
            ? message[(at + 3)..].TrimEnd('.').TrimEnd('\'')
            : "";
        return Sanitize(text, error.SqliteExtendedErrorCode);
    }

    /// <summary>A message SQLite gave directly (not through an exception) under the same rule.</summary>
    public static string Sanitize(string message, int code) => SafeMessage().IsMatch(message) ? message : $"error code {code}";

    // What SQLite says about names and states, never about values (trigger RAISE texts and CHECK expressions are excluded).
    [GeneratedRegex(@"^(UNIQUE constraint failed: [\w"".,\s]+|NOT NULL constraint failed: [\w"".]+|FOREIGN KEY constraint failed|no such (table|column|index|view): [\w"".]+|table [\w""]+ already exists|index [\w""]+ already exists|database is locked|database table is locked|disk I/O error|database or disk is full|unable to open database file|attempt to write a readonly database|file is not a database|database disk image is malformed|near ""[^""\s]{1,30}"": syntax error|incomplete input|interrupted)$")]
    private static partial Regex SafeMessage();
}
