using DataRefresh.Core.Schema;

namespace DataRefresh.Testing.InMemory;

/// <summary>One table of an in-memory database: its definition and its rows, each in column order in the value contract's CLR types.</summary>
public sealed class InMemoryTable(TableInfo info, IEnumerable<object?[]>? rows = null)
{
    public TableInfo Info { get; } = info;

    /// <summary>Guarded by the owning <see cref="InMemoryDatabase"/>.</summary>
    internal List<object?[]> Rows { get; } = [.. (rows ?? []).Select(row => (object?[])row.Clone())];

    public int ColumnIndex(string column)
    {
        for (var index = 0; index < Info.Columns.Count; index++)
        {
            if (Info.Columns[index].Name == column)
            {
                return index;
            }
        }

        throw new InMemoryDatabaseException($"table {Info.Name} has no column {column}", isTransient: false);
    }

    internal InMemoryTable Copy() => new(Info, Rows);
}
