using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Errors;

/// <summary>
/// Turns SQL Server errors into one sentence with an exit code, never quoting a row value. SQL Server's messages put
/// values in their text: a duplicate key (2627, 2601: "The duplicate key value is (…)"), a truncation (2628: "Truncated
/// value: '…'"), a conversion (245: "converting the varchar value '…'"), and a login failure quotes the user. So an error
/// whose number is known is said again in our words from the identifiers its documented format names (constraint,
/// object, column, database); any other keeps its text with every quoted part removed.
/// </summary>
internal static partial class SqlServerErrors
{
    /// <summary>A connection that broke or was refused (the transport's own numbers, which the client reports as errors).</summary>
    private static readonly HashSet<int> BrokenConnections = [64, 121, 233, 10053, 10054, 10060];

    /// <summary>
    /// Numbers a new attempt may get past: deadlock victim (1205), lock timeout (1222), a snapshot update conflict (3960),
    /// a command timeout (-2), broken connections, and Azure SQL's throttling, failover and busy-service numbers. A full
    /// log or disk (9002, 1105) is not here on purpose: retrying only fills it again.
    /// </summary>
    private static readonly HashSet<int> TransientNumbers =
    [
        1205, 1222, 3960, -2, .. BrokenConnections,
        4221, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920,
    ];

    public static DataRefreshException? Explain(Exception exception, string? context = null) => exception switch
    {
        DataRefreshException known => known,
        SqlException server => Explain(ErrorsOf(server), context, server),
        _ => null,
    };

    /// <summary>The server's errors of <paramref name="exception"/> in order (a batch may report several).</summary>
    public static IReadOnlyList<SqlServerError> ErrorsOf(SqlException exception) =>
        exception.Errors.Cast<SqlError>().Select(error => new SqlServerError(error.Number, error.Class, error.Message)).ToList();

    /// <summary>The sentence for the first real error of a batch (informational messages, severity 10 and below, only when there is none).</summary>
    public static DataRefreshException Explain(IReadOnlyList<SqlServerError> errors, string? context, Exception? inner)
    {
        var prefix = context is null ? "" : context + ": ";
        var error = errors.FirstOrDefault(candidate => candidate.Class > 10) ?? (errors.Count > 0 ? errors[0] : new SqlServerError(0, 0, ""));
        var (exitCode, sentence) = Describe(error);
        return new DataRefreshException(exitCode, $"{prefix}SQL Server error {error.Number}: {sentence}.", inner);
    }

    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqlException server)
            {
                return ErrorsOf(server).Any(error => IsTransient(error.Number));
            }
        }

        return false;
    }

    public static bool IsTransient(int number) => TransientNumbers.Contains(number);

    /// <summary>What went wrong and what to do, in words that carry no value of the error's row.</summary>
    public static (int ExitCode, string Sentence) Describe(SqlServerError error)
    {
        var text = error.Message;
        return error.Number switch
        {
            2627 when DuplicateKey().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"duplicate key in {match.Groups["object"].Value}: {match.Groups["kind"].Value.ToLowerInvariant()} constraint {match.Groups["constraint"].Value} already holds the value (not shown); make the rule of the key's columns unique, or fix the source. The target was not changed"),
            2601 when DuplicateIndexRow().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"duplicate key in {match.Groups["object"].Value}: unique index {match.Groups["index"].Value} already holds the value (not shown); make the rule of the index's columns unique, or fix the source. The target was not changed"),
            2628 when Truncated().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"a value (not shown) is too long for column {match.Groups["column"].Value} of {match.Groups["table"].Value}; give the column's rule a result that fits, or widen the column. The target was not changed"),
            8152 => (ExitCodes.RefreshFailed, "a value (not shown) is too long for its column; give the column's rule a result that fits, or widen the column. The target was not changed"),
            245 when Conversion().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"a {match.Groups["from"].Value} value (not shown) could not be converted to {match.Groups["to"].Value}; check the rule's result type for the column. The target was not changed"),
            547 when ConstraintConflict().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"the {match.Groups["statement"].Value} conflicted with {match.Groups["kind"].Value.ToLowerInvariant()} constraint {match.Groups["constraint"].Value} on {match.Groups["table"].Value}{Column(match)}; a rule or a subset broke it (the row is not shown). The target was not changed"),
            515 when NullInto().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"column {match.Groups["column"].Value} of {match.Groups["table"].Value} does not allow NULL, and a rule or a missing value gave one; give the column a rule that never yields NULL. The target was not changed"),
            18456 => (ExitCodes.DatabaseUnavailable, "login failed; check the user name and password in the connection string (the server's log says why)"),
            4060 when OpenDatabase().Match(text) is { Success: true } match =>
                (ExitCodes.DatabaseUnavailable, $"cannot open database {match.Groups["database"].Value} as this login; check the database name in the connection string and that the login has a user in it"),
            229 or 230 when ObjectPermission().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"{match.Groups["permission"].Value} permission denied on {match.Groups["schema"].Value}.{match.Groups["object"].Value} in database {match.Groups["database"].Value}; grant it to the connection string's user (docs/providers/sqlserver.md lists what a run needs)"),
            262 when DatabasePermission().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"{match.Groups["permission"].Value} permission denied in database {match.Groups["database"].Value}; grant it to the connection string's user (docs/providers/sqlserver.md lists what a run needs)"),
            1105 when FilegroupFull().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"filegroup {match.Groups["filegroup"].Value} of database {match.Groups["database"].Value} is full; free or add space on the target server. The target was not changed"),
            9002 when LogFull().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"the transaction log of database {match.Groups["database"].Value} is full ({match.Groups["reason"].Value}); free log space on the target server (the side database uses the simple recovery model). The target was not changed"),
            1205 => (ExitCodes.RefreshFailed, "chosen as the victim of a deadlock; the table is retried from its start, and a run that keeps failing so should run with less parallelism"),
            1222 => (ExitCodes.RefreshFailed, "a lock was not granted in time; another session holds it"),
            3952 when SnapshotNotAllowed().Match(text) is { Success: true } match =>
                (ExitCodes.RefreshFailed, $"database {match.Groups["database"].Value} does not allow snapshot isolation; run ALTER DATABASE … SET ALLOW_SNAPSHOT_ISOLATION ON on the source, or choose another consistency mode (docs/providers/sqlserver.md). The target was not changed"),
            -2 => (ExitCodes.DatabaseUnavailable, "the server did not answer in time; retry when it is less busy"),
            _ when error.Class >= 20 || error.Number is 0 or 53 or 11001 || BrokenConnections.Contains(error.Number) =>
                (ExitCodes.DatabaseUnavailable, $"cannot reach the SQL Server or the connection broke ({Unquoted(FirstSentence(text))}); check server, port, instance and network, then retry"),
            _ => (ExitCodes.RefreshFailed, $"{Unquoted(FirstSentence(text))}; the target was not changed"),
        };
    }

    /// <summary>The text with every quoted part ('…', "…", (…) after "value") replaced, for messages whose format we do not know.</summary>
    public static string Unquoted(string text)
    {
        var withoutValues = ValueClause().Replace(text, "value …");
        return QuotedText().Replace(withoutValues, match => match.Value[0] + "…" + match.Value[^1]);
    }

    private static string Column(Match match) => match.Groups["column"].Success ? $", column {match.Groups["column"].Value}" : "";

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"^Violation of (?<kind>.+?) constraint '(?<constraint>.+?)'\. Cannot insert duplicate key in object '(?<object>.+?)'\.")]
    private static partial Regex DuplicateKey();

    [GeneratedRegex(@"^Cannot insert duplicate key row in object '(?<object>.+?)' with unique index '(?<index>.+?)'\.")]
    private static partial Regex DuplicateIndexRow();

    [GeneratedRegex(@"^String or binary data would be truncated in table '(?<table>.+?)', column '(?<column>.+?)'\.")]
    private static partial Regex Truncated();

    [GeneratedRegex(@"^Conversion failed when converting (?:the )?(?<from>[\w ]+?) value '.*' to data type (?<to>\w+)\.", RegexOptions.Singleline)]
    private static partial Regex Conversion();

    [GeneratedRegex("^The (?<statement>[A-Z]+(?: [A-Z]+)?) statement conflicted with the (?<kind>[A-Z ]+?) constraint \"(?<constraint>.+?)\"\\. The conflict occurred in database \"(?<database>.+?)\", table \"(?<table>.+?)\"(?:, column '(?<column>.+?)')?\\.")]
    private static partial Regex ConstraintConflict();

    [GeneratedRegex(@"^Cannot insert the value NULL into column '(?<column>.+?)', table '(?<table>.+?)'; column does not allow nulls\.")]
    private static partial Regex NullInto();

    [GeneratedRegex("^Cannot open database \"(?<database>.+?)\" requested by the login\\.")]
    private static partial Regex OpenDatabase();

    [GeneratedRegex(@"^The (?<permission>[A-Z ]+?) permission was denied on the object '(?<object>.+?)', database '(?<database>.+?)', schema '(?<schema>.+?)'\.")]
    private static partial Regex ObjectPermission();

    [GeneratedRegex(@"^(?<permission>[A-Z ]+?) permission denied in database '(?<database>.+?)'\.")]
    private static partial Regex DatabasePermission();

    [GeneratedRegex(@"^Could not allocate (?:space|a new page) for (?:object '.+?'.*? in )?database '(?<database>.+?)' because (?:of insufficient disk space in )?(?:the )?'(?<filegroup>.+?)' filegroup", RegexOptions.Singleline)]
    private static partial Regex FilegroupFull();

    [GeneratedRegex(@"^The transaction log for database '(?<database>.+?)' is full due to '(?<reason>\w+)'")]
    private static partial Regex LogFull();

    [GeneratedRegex(@"^Snapshot isolation transaction failed accessing database '(?<database>.+?)' because snapshot isolation is not allowed")]
    private static partial Regex SnapshotNotAllowed();

    [GeneratedRegex(@"value (?:is )?\(.*\)|value: '.*'", RegexOptions.Singleline)]
    private static partial Regex ValueClause();

    [GeneratedRegex("'[^']*'|\"[^\"]*\"", RegexOptions.Singleline)]
    private static partial Regex QuotedText();
}
