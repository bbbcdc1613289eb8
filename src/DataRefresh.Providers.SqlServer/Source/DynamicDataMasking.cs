using DataRefresh.Core.Errors;

namespace DataRefresh.Providers.SqlServer.Source;

/// <summary>
/// SQL Server's Dynamic Data Masking returns placeholders (<c>xxxx</c>, <c>0</c>, <c>aXXX@XXXX.com</c>) instead of values
/// to a login without UNMASK. Copying them would fill staging with placeholders that look like data and break keys and
/// masks alike, so a run whose login would read a masked column stops before data moves, naming the columns.
/// </summary>
internal static class DynamicDataMasking
{
    /// <summary>
    /// The refusal for a run that copies <paramref name="maskedColumns"/> (schema.table.column, dynamically masked on the
    /// source) as a login that <paramref name="canUnmask"/> or not; null when the run may go on.
    /// </summary>
    public static DataRefreshException? Refusal(string environment, IReadOnlyList<string> maskedColumns, bool canUnmask)
    {
        if (canUnmask || maskedColumns.Count == 0)
        {
            return null;
        }

        const int shown = 10;
        var names = string.Join(", ", maskedColumns.Take(shown)) + (maskedColumns.Count > shown ? $" and {maskedColumns.Count - shown} more" : "");
        return new DataRefreshException(
            ExitCodes.Configuration,
            $"source '{environment}' has Dynamic Data Masking on {names}, and its login lacks UNMASK, so it would read masked placeholders instead of values; " +
            "GRANT UNMASK to the login (DataRefresh masks the copy itself), or leave those tables out of the job. Nothing was copied.");
    }
}
