using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// How a subset chose one table's rows (<paramref name="How"/>: root, parents, children, whole, empty), how many it chose
/// (null: every row), and the filter the copy applies (null: every row the plan copies).
/// </summary>
public sealed record TableSubset(QualifiedName Table, string How, long? Rows, RowSubset? Filter)
{
    public bool IsEmpty => Rows == 0;
}
