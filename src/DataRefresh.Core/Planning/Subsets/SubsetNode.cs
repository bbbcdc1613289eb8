using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// One table in a subset's closure: the key columns it reads, the rows chosen so far (by identity: the primary key, or
/// every key column of a table without one) with how many levels of children each may still bring, and the lookups
/// other tables' rows have asked of it.
/// </summary>
internal sealed class SubsetNode
{
    private readonly List<(ForeignKeyInfo ForeignKey, TablePlan Child)> incomingLinks;
    private readonly Dictionary<string, int> chosen = new(StringComparer.Ordinal);

    // Per foreign key into this table: the referenced keys of chosen rows, and the ones asked for that are not chosen yet.
    private readonly Dictionary<ForeignKeyInfo, HashSet<string>> chosenReferenced = [];
    private SubsetLookups lookups = new();

    public SubsetNode(TablePlan plan, IEnumerable<(TablePlan Child, ForeignKeyInfo ForeignKey)> links)
    {
        Plan = plan;
        incomingLinks = [.. links.Where(link => link.ForeignKey.ReferencedTable == plan.Table.Name).Select(link => (link.ForeignKey, link.Child))];
        var copied = plan.Columns.Select(column => column.Column.Name).ToList();
        var key = plan.Table.UniqueKeys?.FirstOrDefault(columns => columns.All(name => copied.Contains(name) && plan.Table.FindColumn(name)!.NotNull));
        HasKey = key is not null;
        var names = new List<string>(key ?? []);
        names.AddRange(plan.Table.ForeignKeys.Where(foreignKey => links.Any(link => link.ForeignKey == foreignKey && link.Child == plan)).SelectMany(foreignKey => foreignKey.Columns));
        names.AddRange(incomingLinks.SelectMany(link => link.ForeignKey.ReferencedColumns));
        Columns = [.. names.Distinct()];
        Identity = key is null ? [.. Enumerable.Range(0, Columns.Count)] : [.. key.Select(name => Columns.IndexOf(name))];
    }

    public TablePlan Plan { get; }

    /// <summary>The columns every read of this table returns, in this order.</summary>
    public List<string> Columns { get; }

    /// <summary>Indexes into <see cref="Columns"/> of the columns that tell rows apart.</summary>
    public int[] Identity { get; }

    public bool HasKey { get; }

    public bool IsRoot { get; set; }

    /// <summary>Every row is copied: no lookup into it is needed.</summary>
    public bool IsWhole { get; private set; }

    /// <summary>A whole table's rows were read for the parents they need.</summary>
    public bool Scanned { get; set; }

    /// <summary>How the table's rows were chosen: root, parents, children, whole.</summary>
    public SortedSet<string> Reasons { get; } = new(StringComparer.Ordinal);

    public List<(ForeignKeyInfo ForeignKey, SubsetNode Parent, int[] Columns, int[] ParentColumns)> Outgoing { get; } = [];

    private List<(ForeignKeyInfo ForeignKey, SubsetNode Child, int[] Columns)> Incoming { get; } = [];

    public bool Reached => IsWhole || chosen.Count > 0;

    public bool HasLookups => !lookups.IsEmpty;

    public void Connect(IReadOnlyDictionary<QualifiedName, SubsetNode> nodes)
    {
        foreach (var (foreignKey, child) in incomingLinks)
        {
            var childNode = nodes[child.Table.Name];
            var referenced = foreignKey.ReferencedColumns.Select(column => Columns.IndexOf(column)).ToArray();
            Incoming.Add((foreignKey, childNode, referenced));
            childNode.Outgoing.Add((foreignKey, this, [.. foreignKey.Columns.Select(column => childNode.Columns.IndexOf(column))], referenced));
            chosenReferenced[foreignKey] = new(StringComparer.Ordinal);
        }
    }

    /// <summary>From now on every row of the table is copied, for <paramref name="reason"/>.</summary>
    public void MarkWhole(string reason)
    {
        IsWhole = true;
        Reasons.Add(reason);
    }

    public SubsetLookups TakeLookups()
    {
        var taken = lookups;
        lookups = new();
        return taken;
    }

    /// <summary>Chooses a row (read with <see cref="Columns"/>) that may bring <paramref name="depth"/> levels of children.</summary>
    public void Include(object?[] row, int depth)
    {
        if (!IsWhole)
        {
            var identity = SubsetKey.Identity(row, Identity);
            var known = chosen.TryGetValue(identity, out var before);
            if (known && before >= depth)
            {
                return;
            }

            chosen[identity] = depth;
            if (known)
            {
                // Reached again by a shorter path from a root: only its further children are new.
                AskChildren(row, depth);
                return;
            }

            foreach (var (foreignKey, _, columns) in Incoming)
            {
                if (SubsetKey.Of(row, columns) is { } referenced)
                {
                    chosenReferenced[foreignKey].Add(referenced);
                    lookups.Satisfied(foreignKey, referenced);
                }
            }
        }

        foreach (var (foreignKey, parent, columns, _) in Outgoing)
        {
            if (!parent.IsWhole && SubsetKey.Of(row, columns) is { } wanted && !parent.chosenReferenced[foreignKey].Contains(wanted))
            {
                parent.lookups.AskParent(foreignKey, parent.Incoming.First(link => link.ForeignKey == foreignKey).Columns, wanted);
            }
        }

        AskChildren(row, depth);
    }

    private void AskChildren(object?[] row, int depth)
    {
        if (depth <= 0)
        {
            return;
        }

        // A self-reference (a customer who referred another, an employee's manager) brings parents only: followed down, it
        // would pull in every row the chain reaches, which is not what a row's children are.
        foreach (var (foreignKey, child, columns) in Incoming.Where(link => link.Child != this))
        {
            if (SubsetKey.Of(row, columns) is { } referenced)
            {
                child.lookups.AskChildren(foreignKey, child.Outgoing.First(link => link.ForeignKey == foreignKey).Columns, referenced, depth - 1);
            }
        }
    }

    public TableSubset Result()
    {
        if (IsWhole)
        {
            return new TableSubset(Plan.Table.Name, string.Join("; ", Reasons), null, null);
        }

        if (chosen.Count == 0)
        {
            return new TableSubset(Plan.Table.Name, "empty (not reached by the closure)", 0, null);
        }

        var positions = Plan.Columns.Select(column => column.Column.Name).ToList();
        var filter = new RowSubset([.. Identity.Select(index => positions.IndexOf(Columns[index]))], [.. chosen.Keys]);
        return new TableSubset(Plan.Table.Name, string.Join("; ", Reasons), chosen.Count, filter);
    }
}
