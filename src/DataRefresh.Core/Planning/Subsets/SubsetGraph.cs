using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// The tables a subset can reach, joined by the foreign keys between tables whose rows the plan copies. Built once the
/// plan is known; here a subset that names a table the source does not have, or cannot choose rows of, is refused at the
/// place in the job file that names it.
/// </summary>
internal sealed class SubsetGraph
{
    private readonly Dictionary<QualifiedName, SubsetNode> nodes;
    private readonly Dictionary<QualifiedName, UnreachedPolicy> policies = [];
    private readonly UnreachedPolicy unreached;

    private SubsetGraph(Dictionary<QualifiedName, SubsetNode> nodes, UnreachedPolicy unreached)
    {
        this.nodes = nodes;
        this.unreached = unreached;
    }

    public IReadOnlyCollection<SubsetNode> All => nodes.Values;

    public static SubsetGraph Build(RefreshPlan plan, SubsetDefinition subset, string defaultSchema)
    {
        var copied = plan.Tables.Where(table => table.CopiesRows).ToDictionary(table => table.Table.Name);
        var links = new List<(TablePlan Child, ForeignKeyInfo ForeignKey)>();
        foreach (var child in copied.Values)
        {
            // A parent the rules copy no rows of has no row to add: the plan already leaves out the rows that point at it.
            links.AddRange(child.Table.ForeignKeys.Where(foreignKey => copied.ContainsKey(foreignKey.ReferencedTable)).Select(foreignKey => (child, foreignKey)));
        }

        var graph = new SubsetGraph(copied.Values.ToDictionary(table => table.Table.Name, table => new SubsetNode(table, links)), subset.Unreached);
        foreach (var node in graph.nodes.Values)
        {
            node.Connect(graph.nodes);
        }

        foreach (var root in subset.Roots)
        {
            var node = graph.Require(plan, root.Table, defaultSchema, root.At, "a subset root");
            if (node.IsRoot)
            {
                throw new FileFormatException(root.At, $"{node.Plan.Table.Name} is a subset root twice; give it one entry (a where can combine conditions).");
            }

            node.IsRoot = true;
            if (!node.HasKey)
            {
                throw new FileFormatException(root.At, $"{node.Plan.Table.Name} has no primary key (nor a unique key of NOT NULL columns), so its rows cannot be told apart as roots; make it a child of another root, or list it under 'whole'.");
            }

            if (subset.Policies.FirstOrDefault(policy => graph.Find(policy.Table, defaultSchema) == node) is { } policy)
            {
                throw new FileFormatException(policy.At, $"{node.Plan.Table.Name} is a subset root and also listed under '{policy.Policy.ToString().ToLowerInvariant()}'; a root's rows are chosen by the root, remove it from the list.");
            }
        }

        foreach (var policy in subset.Policies)
        {
            var node = graph.Require(plan, policy.Table, defaultSchema, policy.At, $"listed under '{policy.Policy.ToString().ToLowerInvariant()}'");
            graph.policies[node.Plan.Table.Name] = policy.Policy;
        }

        return graph;
    }

    public SubsetNode? Find(string table, string defaultSchema) => nodes.GetValueOrDefault(QualifiedName.Parse(table, defaultSchema));

    /// <summary>What becomes of the table if the closure does not reach it: its own policy, or the subset's default.</summary>
    public UnreachedPolicy PolicyOf(SubsetNode node) => policies.GetValueOrDefault(node.Plan.Table.Name, unreached);

    private SubsetNode Require(RefreshPlan plan, string table, string defaultSchema, SourceLocation at, string what)
    {
        if (Find(table, defaultSchema) is { } node)
        {
            return node;
        }

        var name = QualifiedName.Parse(table, defaultSchema);
        var known = plan.Tables.FirstOrDefault(candidate => candidate.Table.Name == name);
        throw new FileFormatException(at, known is not null
            ? $"{name} is {what}, but the rules copy none of its rows (rows: none); remove it here or copy its rows."
            : $"'{table}' ({what}) is not a table of the source{DidYouMean.Hint(table, plan.Tables.Select(candidate => candidate.Table.Name.Name))}; name a table as 'plan' lists it.");
    }
}
