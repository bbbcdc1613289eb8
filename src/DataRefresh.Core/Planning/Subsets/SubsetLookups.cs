using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// What one round asks of a table: rows whose referenced columns hold a key a chosen child needs (its parents), and rows
/// whose foreign key points at a chosen row whose children are wanted, with the depth they may bring in turn.
/// </summary>
internal sealed class SubsetLookups
{
    private readonly Dictionary<ForeignKeyInfo, (int[] Columns, HashSet<string> Keys)> parents = [];
    private readonly Dictionary<ForeignKeyInfo, (int[] Columns, Dictionary<string, int> Depths)> children = [];

    public bool IsEmpty => parents.Values.All(entry => entry.Keys.Count == 0) && children.Values.All(entry => entry.Depths.Count == 0);

    public void AskParent(ForeignKeyInfo foreignKey, int[] referencedColumns, string key)
    {
        if (!parents.TryGetValue(foreignKey, out var entry))
        {
            parents[foreignKey] = entry = (referencedColumns, new HashSet<string>(StringComparer.Ordinal));
        }

        entry.Keys.Add(key);
    }

    /// <summary>A row chosen meanwhile holds the key: no lookup is needed for it.</summary>
    public void Satisfied(ForeignKeyInfo foreignKey, string key)
    {
        if (parents.TryGetValue(foreignKey, out var entry))
        {
            entry.Keys.Remove(key);
        }
    }

    public void AskChildren(ForeignKeyInfo foreignKey, int[] columns, string parentKey, int depth)
    {
        if (!children.TryGetValue(foreignKey, out var entry))
        {
            children[foreignKey] = entry = (columns, new Dictionary<string, int>(StringComparer.Ordinal));
        }

        if (!entry.Depths.TryGetValue(parentKey, out var known) || known < depth)
        {
            entry.Depths[parentKey] = depth;
        }
    }

    /// <summary>
    /// Whether a row read for these lookups answers one: as a parent a chosen row needs (depth 0), or as a child of a
    /// chosen row (with the depth it may bring); null when it answers none.
    /// </summary>
    public (int Depth, string Reason)? Match(object?[] row)
    {
        (int Depth, string Reason)? match = null;
        foreach (var (columns, keys) in parents.Values)
        {
            if (keys.Count > 0 && SubsetKey.Of(row, columns) is { } key && keys.Contains(key))
            {
                match = (0, "parents of chosen rows");
                break;
            }
        }

        foreach (var (columns, depths) in children.Values)
        {
            if (depths.Count > 0 && SubsetKey.Of(row, columns) is { } key && depths.TryGetValue(key, out var wanted) && (match is null || wanted > match.Value.Depth))
            {
                match = (wanted, "children of chosen rows");
            }
        }

        return match;
    }
}
