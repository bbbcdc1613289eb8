using System.Diagnostics;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using Serilog;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// Builds a big table's own post-data (indexes, primary and unique keys, triggers) as soon as its rows are in, while
/// other tables still load — what <c>pg_restore -j</c> does — at most <c>parallelism</c> tables at a time. Small tables
/// and partitioned ones are left to the final post-data pass, where one step builds them all at little cost each.
/// </summary>
/// <param name="minimumRows">Tables estimated below this many rows wait for the final pass: a step of their own would cost more than their indexes.</param>
internal sealed class TablePostData(ITargetLoad target, SchemaExport schema, SchemaApplyOptions options, long minimumRows, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.Parallelism));
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> building = [];

    /// <summary>Starts building <paramref name="table"/>'s own post-data, now that all its rows are in, if it is worth a step of its own.</summary>
    /// <param name="progress">Shown as building its indexes until they are, then done; done at once when it waits for the final pass.</param>
    public void TableLoaded(TablePlan table, TableProgress progress, CancellationToken cancellationToken)
    {
        if (table.Table.IsPartitioned || table.Table.EstimatedRows < minimumRows)
        {
            progress.MoveTo(TableStage.Done);
            return;
        }

        progress.MoveTo(TableStage.BuildingIndexes);
        var build = BuildAsync(table, progress, cancellationToken);
        lock (building)
        {
            building.Add(build);
        }
    }

    /// <summary>Waits for every table's build; throws the first failure once all have ended.</summary>
    public Task CompleteAsync(CancellationToken cancellationToken) => Task.WhenAll(Building()).WaitAsync(cancellationToken);

    /// <summary>After a failed load: stops the builds and waits for them to end, so nothing is still writing when the side database is dropped.</summary>
    public async Task AbandonAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(Building());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The load's own failure is the one to report; a build stopped because of it adds nothing.
            logger.Debug("A table's post-data build ended with {Error} after the load failed", exception.GetType().Name);
        }
    }

    public void Dispose()
    {
        slots.Dispose();
        stop.Dispose();
    }

    private Task[] Building()
    {
        lock (building)
        {
            return [.. building];
        }
    }

    private async Task BuildAsync(TablePlan table, TableProgress progress, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        await slots.WaitAsync(linked.Token);
        try
        {
            var watch = Stopwatch.StartNew();
            await target.ApplyTableSchemaAsync(schema, table.Table.Name, options, linked.Token);
            logger.Information("Table {Table}: its own indexes and keys built in {Seconds:F1} s", table.Table.Name.ToString(), watch.Elapsed.TotalSeconds);
            progress.MoveTo(TableStage.Done);
        }
        finally
        {
            slots.Release();
        }
    }
}
