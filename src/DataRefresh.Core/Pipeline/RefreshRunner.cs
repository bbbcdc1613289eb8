using System.Collections.Concurrent;
using System.Diagnostics;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Planning.Subsets;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Verification;
using DataRefresh.Core.Verification.Leakage;
using Serilog;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// One refresh, stage by stage: production guard and the target's run lock, plan inside the source snapshot (its tables
/// held), pre-data schema into a side database, tables streamed in parallel (transient failures retried per table),
/// post-data schema, sequences and materialized views, verification, after steps, then cut-over. Any failure before
/// cut-over drops the side database and leaves the target as it was; <see cref="RefreshProgress.Journal"/> keeps what
/// the run did for its audit record, whatever the outcome.
/// </summary>
public sealed class RefreshRunner(ILogger logger, TimeProvider timeProvider)
{
    public const long DefaultOwnPostDataMinimumRows = 50_000;

    /// <summary>
    /// The share of the estimated rows from which a table is sliced. Not half: at 10M customers (bench/run.sh) orders holds
    /// half the rows, and copying it in two slices cost the run more in unfrozen index builds and hash-join key checks
    /// than the second reader gained (see docs/benchmarks.md).
    /// </summary>
    private const double SlicedShare = 0.75;

    /// <summary>Tables estimated at this many rows or more get their own indexes and keys built as soon as their rows are in (see <see cref="TablePostData"/>).</summary>
    public long OwnPostDataMinimumRows { get; init; } = DefaultOwnPostDataMinimumRows;

    public async Task<RefreshResult> RunAsync(RefreshContext context, MaskingKey maskingKey, RefreshProgress progress, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        // The caller may have chosen the id already, to record the run's start in the history under it.
        var runId = progress.Journal.RunId ??= RunIds.New(timeProvider.GetUtcNow());
        var job = context.Job;
        context.Rules.EnsureReviewed("run");
        progress.Journal.MaskingKeyFingerprint = maskingKey.Fingerprint;
        logger.Information(
            "Run {RunId} of job {Job}: {Source} -> {Target} ({TargetConnection}), parallelism {Parallelism}, batch size {BatchSize}",
            runId, job.Name, context.Source.Name, context.Target.Name, context.TargetProvider.DescribeConnection(context.Target.ConnectionString),
            job.Parallelism, job.BatchSize);

        await GuardProductionAsync(context, progress.Journal, cancellationToken);

        // Held until the run is over (disposed after the side database), so one run at a time touches this target.
        await using var targetLock = await TargetLocking.AcquireAsync(context, progress.Journal, logger, cancellationToken);

        await using var snapshot = await context.SourceProvider.OpenSnapshotAsync(context.Source, cancellationToken);
        progress.Journal.SourceSchema = snapshot.Schema;
        var plan = await RefreshPlanning.PlanAsync(snapshot, context, cancellationToken);
        progress.Planned([.. plan.Tables.Select(table => new TableProgress(table.Table.Name.ToString(), table.Table.EstimatedRows))]);
        progress.Journal.Plan = plan;
        logger.Information("Planned {Tables} tables, {Masked} masked columns", plan.Tables.Count, plan.MaskedColumnCount);
        foreach (var warning in plan.Warnings)
        {
            logger.Warning("Rules: {Warning}", warning.ToString());
        }

        // What the source promises about reading, and what the target promises about the cut-over.
        var capabilities = context.SourceProvider.Capabilities;
        var cutOver = context.TargetProvider.Capabilities;
        var readers = Math.Min(job.Parallelism, snapshot.ConsistentReaders ?? capabilities.ConsistentReaders);
        var unverified = string.Join("; ", context.Unverified);
        progress.Journal.Guarantees = new RunGuarantees(
            readers, capabilities.HoldsTables, cutOver.CutOver, cutOver.CutOverRecovery, snapshot.Guarantee, unverified.Length > 0 ? unverified : null);
        if (snapshot.Guarantee is { } guarantee)
        {
            logger.Information("Source consistency: {Guarantee:l}", guarantee);
        }

        if (unverified.Length > 0)
        {
            logger.Warning("Unverified provider: {Unverified:l}", unverified);
        }

        if (readers < job.Parallelism)
        {
            logger.Information("The source's snapshot serves {Readers} consistent readers: tables are read {Readers} at a time (parallelism {Parallelism})", readers, readers, job.Parallelism);
        }

        if (capabilities.HoldsTables)
        {
            await snapshot.HoldTablesAsync([.. plan.Tables.Select(table => table.Table)], cancellationToken);
        }
        else
        {
            logger.Warning("{Provider} cannot hold the source's tables against schema changes during the run", context.SourceProvider.Kind);
        }

        var masking = new MaskingSession(maskingKey) { Leakage = new LeakageRecorder(maskingKey, job.Verify.SampleCapacity) };
        if (job.Subset is { } subset)
        {
            await RunPhaseAsync(progress, "subset", async () =>
            {
                var chosen = masking.Subset = progress.Journal.Subset = await SubsetClosure.ComputeAsync(snapshot, plan, subset, maskingKey, context.SourceProvider.DefaultSchema, cancellationToken);
                plan = progress.Journal.Plan = chosen.Apply(plan);
                foreach (var table in chosen.Tables)
                {
                    logger.Information("Subset {Table}: {Rows} ({How})", table.Table.ToString(), table.Rows is { } rows ? $"{rows:N0} rows" : "every row", table.How);
                }
            });
        }

        await RunPhaseAsync(progress, "unique columns", () => ResolveUniqueDomainsAsync(snapshot, plan, masking, cancellationToken));

        await using var target = await context.TargetProvider.CreateTargetLoadAsync(context.Target, runId, cancellationToken);
        progress.Journal.SideDatabase = target.DatabaseName;
        var schema = await snapshot.ExportSchemaAsync(cancellationToken);
        var schemaOptions = new SchemaApplyOptions(job.KeepOwnership, job.Parallelism);
        await RunPhaseAsync(progress, "schema (pre-data)", () => target.ApplySchemaAsync(schema, SchemaSection.PreData, schemaOptions, cancellationToken));
        progress.Journal.NotBuilt = target.NotBuilt;
        foreach (var item in target.NotBuilt)
        {
            logger.Warning("Not copied: {Item:l} ({Target:l} cannot hold it)", item.ToString(), context.TargetProvider.Kind);
        }
        await HaltPoint.ReachedAsync(HaltPoint.Schema, cancellationToken);

        var retry = new TransientRetry(context.Providers, logger, timeProvider);
        // Engines that differ share no native row form: rows then travel as values (DecodedRowBatch).
        var readOptions = new TableReadOptions(job.BatchSize, masking, target.ResolveTypeIdAsync, Decoded: context.CrossEngine);
        IReadOnlyList<TableResult> tables = [];
        using (var tablePostData = new TablePostData(target, schema, schemaOptions, OwnPostDataMinimumRows, logger))
        {
            try
            {
                await RunPhaseAsync(progress, "data", async () =>
                    tables = await CopyTablesAsync(snapshot, target, plan, readOptions, readers, progress, retry, tablePostData, cancellationToken));
                await RunPhaseAsync(progress, "tables' own post-data (after the data)", () => tablePostData.CompleteAsync(cancellationToken));
            }
            catch
            {
                await tablePostData.AbandonAsync();
                throw;
            }
        }

        if (plan.LargeObjects is { Action: not Rules.LargeObjectAction.Exclude } largeObjects)
        {
            await RunPhaseAsync(progress, "large objects", async () =>
            {
                var written = await target.WriteLargeObjectsAsync(snapshot.ReadLargeObjectsAsync(largeObjects.Action == Rules.LargeObjectAction.Copy, cancellationToken), cancellationToken);
                logger.Information("Large objects: {Count} {Action}", written, largeObjects.Action == Rules.LargeObjectAction.Copy ? "copied" : "created empty");
            });
        }

        await RunPhaseAsync(progress, "schema (post-data)", () => target.ApplySchemaAsync(schema, SchemaSection.PostData, schemaOptions, cancellationToken));
        await RunPhaseAsync(progress, "sequences", async () => await target.ApplySequencesAsync(await snapshot.ReadSequencesAsync(cancellationToken), cancellationToken));
        await RunPhaseAsync(progress, "materialized views", () => target.FinishLoadAsync(cancellationToken));
        await HaltPoint.ReachedAsync(HaltPoint.Verification, cancellationToken);
        await VerifyAsync(snapshot, target, tables, plan, masking, job.Verify, progress, cancellationToken);
        await RunPhaseAsync(progress, "after steps", () => AfterSteps.RunAsync(target, job.After, progress.Journal, logger, cancellationToken));
        await HaltPoint.ReachedAsync(HaltPoint.CutOver, cancellationToken);
        await RunPhaseAsync(progress, "cut-over", () => target.CutOverAsync(job.KeepPrevious, cancellationToken));
        progress.Journal.CutOver = true;

        var result = new RefreshResult(runId, target.DatabaseName, tables, started.Elapsed) { Verification = progress.Journal.Verification ?? VerificationReport.Empty };
        logger.Information("Run {RunId} finished: {Tables} tables, {Rows} rows in {Seconds:F1} s", runId, tables.Count, result.TotalRows, result.Duration.TotalSeconds);
        return result;
    }

    /// <summary>The target must not be production under another name: first by address, then by what the servers say they are.</summary>
    private async Task GuardProductionAsync(RefreshContext context, RunJournal journal, CancellationToken cancellationToken)
    {
        await ProductionGuard.EnsureNotProductionAddressAsync(context.Target, context.Production, context.TargetProvider, context.Job, cancellationToken);
        var sourceIdentity = journal.SourceIdentity = await context.SourceProvider.ReadIdentityAsync(context.Source, cancellationToken);
        var targetIdentity = journal.TargetIdentity = await context.TargetProvider.ReadIdentityAsync(context.Target, cancellationToken);
        ProductionGuard.EnsureNotSameDatabase(context.Target, targetIdentity, context.Source, sourceIdentity, context.Job);
        if (targetIdentity is null || sourceIdentity is null)
        {
            logger.Warning("The server did not reveal its identity (pg_control_system not permitted); the production guard compared connection strings only");
        }
    }

    /// <summary>
    /// Unique columns masked by fake or lookup: every input is masked once before the copy and collisions are settled, so
    /// the load never fails on a unique violation and the outcome is the same in every run (see <see cref="UniqueResolver"/>).
    /// </summary>
    private async Task ResolveUniqueDomainsAsync(ISourceSnapshot snapshot, RefreshPlan plan, MaskingSession masking, CancellationToken cancellationToken)
    {
        foreach (var domain in plan.UniqueDomains)
        {
            var masker = masking.CreateColumnMasker(domain.Rule, domain.Columns[0].Column.Column);
            var identity = new KeyedHash(masking.Key, "unique-identity\0" + domain.Domain);
            var resolution = await UniqueResolver.ResolveAsync(masker, identity, ReadAll, domain.Describe(), cancellationToken);
            masking.AddResolution(domain.Domain, resolution);
            logger.Information("Unique {Columns}: {Values} distinct values, {Redrawn} redrawn to avoid collisions", domain.Describe(), resolution.DistinctInputs, resolution.Count);

            async IAsyncEnumerable<object?> ReadAll([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
            {
                foreach (var (table, column) in domain.Columns)
                {
                    await foreach (var value in snapshot.ReadColumnAsync(table.Table, column.Column.Name, token))
                    {
                        yield return value;
                    }
                }
            }
        }
    }

    /// <summary>Checks the side database before anything else touches it; the report goes to the audit whether it passed or not.</summary>
    private async Task VerifyAsync(
        ISourceSnapshot snapshot, ITargetLoad target, IReadOnlyList<TableResult> tables, RefreshPlan plan, MaskingSession masking, VerificationSettings settings, RefreshProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            await RunPhaseAsync(progress, "verification", async () =>
                progress.Journal.Verification = await new RefreshVerifier(logger, settings).VerifyAsync(snapshot, target, tables, masking.Leakage!, masking.Undecodable, plan.LargeObjects, cancellationToken));
        }
        catch (VerificationFailedException failed)
        {
            progress.Journal.Verification = failed.Report;
            throw;
        }
    }

    private async Task RunPhaseAsync(RefreshProgress progress, string phase, Func<Task> action)
    {
        progress.Phase = phase;
        var watch = Stopwatch.StartNew();
        await action();
        logger.Information("Phase {Phase} done in {Seconds:F1} s", phase, watch.Elapsed.TotalSeconds);
    }

    private async Task<IReadOnlyList<TableResult>> CopyTablesAsync(
        ISourceSnapshot snapshot,
        ITargetLoad target,
        RefreshPlan plan,
        TableReadOptions options,
        int parallelism,
        RefreshProgress progress,
        TransientRetry retry,
        TablePostData tablePostData,
        CancellationToken cancellationToken)
    {
        var work = await SliceTablesAsync(snapshot, plan, parallelism, cancellationToken);
        var results = new ConcurrentBag<TableResult>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

        // Parallel.ForEachAsync takes items in order, so the slices of the largest tables (first in the plan) start first.
        await Parallel.ForEachAsync(work, parallel, async (item, token) =>
        {
            var tableProgress = progress.Table(item.Table.Plan.Table.Name.ToString());
            item.Table.Started();
            tableProgress.MoveTo(TableStage.Copying);
            var attemptProgress = new AttemptProgress(tableProgress);
            var what = item.Slice.IsWhole ? $"copying {item.Table.Plan.Table.Name}" : $"copying {item.Table.Plan.Table.Name} ({item.Slice})";
            long rows;
            try
            {
                rows = await retry.RunAsync(
                    what,
                    attemptToken => TableStream.CopyAsync(snapshot, target, item.Table.Plan, item.Slice, options, attemptProgress, attemptToken),
                    attemptProgress.Discard,
                    token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && UndecodableIn(item.Table.Plan, options) is { Count: > 0 } undecodable)
            {
                // A value of this table that a mask could not read was written as NULL, and a NOT NULL column refused it:
                // that is the cause to report, as verification would have. Other tables' failures keep their own error.
                var report = new VerificationReport(undecodable);
                progress.Journal.Verification = report;
                throw new VerificationFailedException(report);
            }

            if (item.Table.SliceDone(rows) is { } result)
            {
                results.Add(result);
                progress.Journal.TableDone(result);
                logger.Information(
                    "Table {Table}: {Rows} rows {Mode} in {Seconds:F1} s",
                    result.Table.ToString(), result.Rows, result.Mode == TableMode.Raw ? "streamed raw" : "masked", result.Duration.TotalSeconds);
                tablePostData.TableLoaded(item.Table.Plan, tableProgress, cancellationToken);
            }
        });

        foreach (var skipped in plan.Tables.Where(table => !table.CopiesRows))
        {
            results.Add(new TableResult(skipped.Table.Name, 0, TableMode.SchemaOnly, TimeSpan.Zero));
            progress.Table(skipped.Table.Name.ToString()).MoveTo(TableStage.Done);
            logger.Information("Table {Table}: schema only (rows: none)", skipped.Table.Name.ToString());
        }

        return results.OrderBy(result => result.Table.ToString(), StringComparer.Ordinal).ToList();
    }

    private static List<VerificationCheck> UndecodableIn(TablePlan table, TableReadOptions options) =>
        [.. options.Masking.Undecodable.Checks().Where(check => check.Table == table.Table.Name.ToString())];

    /// <summary>
    /// The units of work of the data phase. A table that holds at least <see cref="SlicedShare"/> of the rows is the
    /// critical path: it is cut into slices, in proportion to its share of the workers, so that one big table alone still
    /// keeps every worker busy. Other tables load whole, in parallel with each other: a whole table loads in the
    /// transaction that emptied it, which lets PostgreSQL write it frozen and spares the index builds afterwards from
    /// setting hint bits on every page (bench/run.sh at 1M customers: post-data took about a second longer with every
    /// table sliced), and its foreign keys can be checked through their indexes.
    /// </summary>
    private async Task<List<(TableCopy Table, TableSlice Slice)>> SliceTablesAsync(ISourceSnapshot snapshot, RefreshPlan plan, int parallelism, CancellationToken cancellationToken)
    {
        var copied = plan.Tables.Where(table => table.CopiesRows).ToList();
        var totalRows = Math.Max(1, copied.Sum(table => table.Table.EstimatedRows));
        var work = new List<(TableCopy Table, TableSlice Slice)>();
        foreach (var table in copied)
        {
            var share = (double)table.Table.EstimatedRows / totalRows;
            var maxSlices = share >= SlicedShare ? (int)(parallelism * share) : 1;
            var slices = await snapshot.SliceAsync(table, Math.Max(1, maxSlices), cancellationToken);
            var copy = new TableCopy(table, slices.Count);
            work.AddRange(slices.Select(slice => (copy, slice)));
            if (slices.Count > 1)
            {
                logger.Information("Table {Table}: {Slices} slices copied in parallel", table.Table.Name.ToString(), slices.Count);
            }
        }

        return work;
    }

    /// <summary>One table's copy across its slices: rows add up, and the time runs from its first slice's start to its last slice's end.</summary>
    private sealed class TableCopy(TablePlan plan, int slices)
    {
        private readonly Lock sync = new();
        private Stopwatch? watch;
        private long rows;
        private int pending = slices;

        public TablePlan Plan => plan;

        public void Started()
        {
            lock (sync)
            {
                watch ??= Stopwatch.StartNew();
            }
        }

        /// <summary>Counts a finished slice; returns the table's result when it was the last one.</summary>
        public TableResult? SliceDone(long sliceRows)
        {
            lock (sync)
            {
                rows += sliceRows;
                return --pending > 0 ? null : new TableResult(plan.Table.Name, rows, plan.IsRaw ? TableMode.Raw : TableMode.Masked, watch!.Elapsed);
            }
        }
    }

    /// <summary>
    /// Adds one attempt's rows and bytes to its table's counters directly (<see cref="Progress{T}"/> would post to a context
    /// we do not have), and takes them back if the attempt is rolled back and retried.
    /// </summary>
    private sealed class AttemptProgress(TableProgress table) : IProgress<CopiedBatch>
    {
        private long rows;
        private long bytes;

        public void Report(CopiedBatch value)
        {
            Interlocked.Add(ref rows, value.Rows);
            Interlocked.Add(ref bytes, value.Bytes);
            table.Add(value.Rows, value.Bytes);
        }

        public void Discard() => table.Add(-Interlocked.Exchange(ref rows, 0), -Interlocked.Exchange(ref bytes, 0));
    }
}
