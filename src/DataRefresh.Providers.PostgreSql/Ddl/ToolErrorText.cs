namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// Keeps only the ERROR / FATAL lines of pg_dump and pg_restore output. Their DETAIL lines are where row values appear
/// ("Key (email)=(…) is duplicated."), so those, CONTEXT, LINE and HINT lines are dropped.
/// </summary>
internal static class ToolErrorText
{
    public static string Summarize(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains("ERROR:", StringComparison.Ordinal) || line.Contains("FATAL:", StringComparison.Ordinal)
                || line.StartsWith("pg_dump: error:", StringComparison.Ordinal) || line.StartsWith("pg_restore: error:", StringComparison.Ordinal))
            .Select(line => line.Length > 300 ? line[..300] + "…" : line)
            .Distinct()
            .Take(3)
            .ToList();
        return lines.Count == 0 ? "(no error text)" : string.Join(" | ", lines);
    }
}
