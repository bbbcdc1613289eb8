using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// Chooses a subset's rows before any data moves, by reading keys only: the roots' rows, then in rounds every row that a
/// chosen row references through a foreign key (its parents, transitively) and, down to the subset's depth, the rows that
/// reference a chosen root row (its children, whose own parents follow). Each round reads each table with pending
/// lookups once, inside the same snapshot the copy reads. A row is chosen once, so cycles and self-references end; the
/// rule files' filters stay in force (scans read only the rows the plan copies), the closure only adds the parents that
/// chosen rows need. Tables still unreached then follow their policy: whole ones seed the closure with all their rows.
/// </summary>
public static class SubsetClosure
{
    public static async Task<SubsetPlan> ComputeAsync(
        ISourceCatalog source, RefreshPlan plan, SubsetDefinition subset, MaskingKey key, string defaultSchema, CancellationToken cancellationToken = default)
    {
        var nodes = SubsetGraph.Build(plan, subset, defaultSchema);
        foreach (var policy in subset.Policies.Where(policy => policy.Policy == UnreachedPolicy.Whole))
        {
            nodes.Find(policy.Table, defaultSchema)!.MarkWhole("whole (subset policy)");
        }

        foreach (var root in subset.Roots)
        {
            await SeedRootAsync(source, nodes.Find(root.Table, defaultSchema)!, root, subset.ChildrenDepth, key, cancellationToken);
        }

        await CloseAsync(source, nodes, cancellationToken);

        // Unreached tables whose policy is whole bring their parents, which may reach more tables: close again.
        foreach (var node in nodes.All.Where(node => !node.Reached && nodes.PolicyOf(node) == UnreachedPolicy.Whole))
        {
            node.MarkWhole("whole (not reached; unreached: whole)");
        }

        await CloseAsync(source, nodes, cancellationToken);
        return new SubsetPlan(nodes.All.Select(node => node.Result()).ToList());
    }

    private static async Task SeedRootAsync(ISourceCatalog source, SubsetNode node, SubsetRoot root, int depth, MaskingKey key, CancellationToken cancellationToken)
    {
        node.Reasons.Add("root: " + root.Describe());
        var hash = new KeyedHash(key, "subset\0" + node.Plan.Table.Name);
        var limit = root.Limit is { } count ? new PriorityQueue<object?[], ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a))) : null;
        var threshold = root.Percent is { } percent && percent < 100 ? (ulong)(percent / 100 * 18446744073709551616.0) : ulong.MaxValue;
        await foreach (var row in ReadAsync(source, node, root.Where, root.At, cancellationToken))
        {
            var chance = hash.Compute64(SubsetKey.Identity(row, node.Identity));
            if (limit is not null)
            {
                // The lowest keyed hashes win: a fixed sample, spread over the table, that only changes with its rows.
                limit.Enqueue(row, chance);
                if (limit.Count > root.Limit)
                {
                    limit.Dequeue();
                }
            }
            else if (chance <= threshold)
            {
                node.Include(row, depth);
            }
        }

        while (limit is not null && limit.TryDequeue(out var row, out _))
        {
            node.Include(row, depth);
        }
    }

    /// <summary>Rounds of lookups until no chosen row needs a row that is not chosen yet.</summary>
    private static async Task CloseAsync(ISourceCatalog source, SubsetGraph nodes, CancellationToken cancellationToken)
    {
        while (nodes.All.Where(node => node.HasLookups).ToList() is { Count: > 0 } pending)
        {
            foreach (var node in pending)
            {
                var lookups = node.TakeLookups();
                await foreach (var row in ReadAsync(source, node, null, null, cancellationToken))
                {
                    if (lookups.Match(row) is { } match)
                    {
                        node.Reasons.Add(match.Reason);
                        node.Include(row, match.Depth);
                    }
                }
            }
        }

        foreach (var node in nodes.All.Where(node => node.IsWhole && !node.Scanned))
        {
            // A whole table's rows all go; read them only for the parents they need.
            node.Scanned = true;
            if (node.Outgoing.Count > 0)
            {
                await foreach (var row in ReadAsync(source, node, null, null, cancellationToken))
                {
                    node.Include(row, 0);
                }

                await CloseAsync(source, nodes, cancellationToken);
            }
        }
    }

    private static async IAsyncEnumerable<object?[]> ReadAsync(
        ISourceCatalog source, SubsetNode node, string? where, SourceLocation? whereAt, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = source.ReadValuesAsync(node.Plan, node.Columns, where, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await rows.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (DataRefreshException error) when (whereAt is not null && error is not FileFormatException)
                {
                    throw new FileFormatException(whereAt, $"the subset root's where on {node.Plan.Table.Name} does not run on the source: {error.Message}");
                }

                var row = rows.Current;
                if (Array.FindIndex(row, value => value is Values.Undecodable) is var column and >= 0)
                {
                    throw new DataRefreshException(
                        ExitCodes.RulesDoNotMatchSchema,
                        $"{node.Plan.Table.Name}.{node.Columns[column]} holds a value the subset cannot read as a key (out of range for its type), so the rows it joins cannot be chosen; leave the table out of the subset (rows: none). Nothing was copied.");
                }

                yield return row;
            }
        }
        finally
        {
            await rows.DisposeAsync();
        }
    }
}
