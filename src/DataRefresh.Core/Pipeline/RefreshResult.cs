namespace DataRefresh.Core.Pipeline;

/// <summary>The outcome of a successful run.</summary>
public sealed record RefreshResult(string RunId, string TargetDatabase, IReadOnlyList<TableResult> Tables, TimeSpan Duration)
{
    public long TotalRows => Tables.Sum(table => table.Rows);
}
