namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// The rows of one table a subset copies: those whose values at <see cref="Columns"/> (indexes into the table plan's
/// columns: its identity) form one of the chosen keys. A reader decodes those columns and skips every other row before it
/// is masked.
/// </summary>
public sealed class RowSubset
{
    private readonly HashSet<string> keys;

    internal RowSubset(IReadOnlyList<int> columns, HashSet<string> keys)
    {
        Columns = columns;
        this.keys = keys;
    }

    public IReadOnlyList<int> Columns { get; }

    public int Count => keys.Count;

    /// <summary>Whether the row is chosen; a row whose key columns did not decode is not (it could be anyone's).</summary>
    public bool Contains(object?[] row)
    {
        foreach (var column in Columns)
        {
            if (row[column] is Values.Undecodable)
            {
                return false;
            }
        }

        return keys.Contains(SubsetKey.Identity(row, Columns));
    }
}
