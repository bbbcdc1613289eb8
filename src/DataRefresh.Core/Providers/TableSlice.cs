namespace DataRefresh.Core.Providers;

/// <summary>
/// One part of a table that is copied by its own reader and writer, so one large table can use every core.
/// <paramref name="Start"/> and <paramref name="End"/> are in the provider's units (PostgreSQL: heap pages); a null
/// <paramref name="End"/> reaches to the end of the table, so rows the size estimate missed are never lost.
/// </summary>
public sealed record TableSlice(int Number, int Count, long Start, long? End)
{
    public static TableSlice Whole { get; } = new(1, 1, 0, null);

    /// <summary>A whole table is loaded by one writer, which lets the provider load it in the transaction that emptied it.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>Equal ranges of <paramref name="size"/> units, the last one open-ended.</summary>
    public static IReadOnlyList<TableSlice> Split(long size, int count)
    {
        count = (int)Math.Min(count, size);
        if (count <= 1)
        {
            return [Whole];
        }

        long Boundary(int index) => size * index / count;
        return [.. Enumerable.Range(0, count).Select(index => new TableSlice(index + 1, count, Boundary(index), index == count - 1 ? null : Boundary(index + 1)))];
    }

    public override string ToString() => IsWhole ? "whole" : $"slice {Number}/{Count}";
}
