using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Values;
using DataRefresh.Core.Verification;
using DataRefresh.Testing.InMemory;

namespace DataRefresh.Core.Tests.Pipeline;

/// <summary>The runner end to end over the in-memory provider: what it copies, masks and swaps in, what it promises, and what a failure leaves.</summary>
public sealed class RefreshRunnerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_copies_every_table_masks_the_masked_columns_and_cuts_over()
    {
        using var harness = new RunnerHarness();

        var result = await harness.RunAsync(harness.Context(), Token);

        Assert.Equal(
            [(CrmSource.CustomersTable, (long)CrmSource.Customers), (CrmSource.EventsTable, CrmSource.Events), (CrmSource.OrdersTable, CrmSource.Orders)],
            result.Tables.Select(table => (table.Table, table.Rows)));
        Assert.Equal(CrmSource.TotalRows, harness.Progress.RowsCopied);
        Assert.False(harness.Target.HasTable(RunnerHarness.OldTable));
        Assert.Empty(harness.SideDatabases);

        var source = harness.Source.Rows(CrmSource.CustomersTable);
        var copied = harness.Target.Rows(CrmSource.CustomersTable).OrderBy(row => (long)row[CrmSource.Id]!).ToList();
        Assert.Equal(source.Select(row => row[CrmSource.Id]), copied.Select(row => row[CrmSource.Id]));
        Assert.All(source.Zip(copied), pair =>
        {
            var (original, masked) = pair;
            Assert.NotEqual(original[CrmSource.Name], masked[CrmSource.Name]);
            Assert.IsType<string>(masked[CrmSource.Email]);
            Assert.NotEqual(original[CrmSource.Email], masked[CrmSource.Email]);
            Assert.Equal(original[CrmSource.Phone] is null ? null : "555-0100", masked[CrmSource.Phone]);
            Assert.Null(masked[CrmSource.Note]);
        });
        Assert.Equal(Describe(harness.Source.Rows(CrmSource.OrdersTable)), Describe(harness.Target.Rows(CrmSource.OrdersTable)));
        Assert.Equal(Describe(harness.Source.Rows(CrmSource.EventsTable)), Describe(harness.Target.Rows(CrmSource.EventsTable)));
        Assert.Equal(CrmSource.Customers, harness.Target.Sequences[CrmSource.CustomerIds]);
        Assert.Equal(harness.Source.Keys, harness.Target.Keys);

        var journal = harness.Progress.Journal;
        Assert.True(journal.CutOver);
        Assert.Equal(RunnerHarness.Key.Fingerprint, journal.MaskingKeyFingerprint);
        Assert.Equal(new RunGuarantees(4, TablesHeld: true, CutOverKind.Atomic, InMemoryProvider.Everything.CutOverRecovery), journal.Guarantees);
        Assert.Equal(result.Tables.Select(table => table.Table.ToString()).Order(), journal.Tables.Select(table => table.Table.ToString()).Order());
        Assert.Equal(result.TargetDatabase, journal.SideDatabase);
        Assert.StartsWith(RunnerHarness.TargetDatabase + "__refresh_" + journal.RunId, journal.SideDatabase, StringComparison.Ordinal);
        Assert.NotNull(journal.Verification);
        Assert.True(journal.Verification.Passed);
        Assert.Contains(journal.Verification.Checks, check => check.Check == RefreshVerifier.RowCount && check.Table == "main.events" && check.Outcome == CheckOutcome.Passed);
        Assert.NotEqual(journal.SourceIdentity, journal.TargetIdentity);
    }

    [Fact]
    public async Task The_largest_table_is_copied_in_slices_that_add_up()
    {
        using var harness = new RunnerHarness();

        var result = await harness.RunAsync(harness.Context(parallelism: 4), Token);

        // events holds 75% of the rows: three slices of four workers, each its own reader.
        Assert.Equal(5, harness.Provider.Calls.ReadersOpened);
        Assert.Equal(CrmSource.Events, result.Tables.Single(table => table.Table == CrmSource.EventsTable).Rows);
        Assert.Equal(Enumerable.Range(1, CrmSource.Events).Select(id => (long)id), harness.Target.Rows(CrmSource.EventsTable).Select(row => (long)row[0]!).Order());
    }

    [Fact]
    public async Task A_table_holding_less_than_three_quarters_of_the_rows_is_copied_whole()
    {
        using var harness = new RunnerHarness();
        harness.Source.Insert(CrmSource.OrdersTable, [.. Enumerable.Range(CrmSource.Orders + 1, 100).Select(id => new object?[] { (long)id, 1L, 1m })]);

        var result = await harness.RunAsync(harness.Context(parallelism: 4), Token);

        // events now holds 300 of 500 rows (60%): one reader per table, so it keeps its frozen load.
        Assert.Equal(3, harness.Provider.Calls.ReadersOpened);
        Assert.Equal(CrmSource.Events, result.Tables.Single(table => table.Table == CrmSource.EventsTable).Rows);
    }

    [Fact]
    public async Task With_keep_previous_the_replaced_copy_stays_as_previous()
    {
        using var harness = new RunnerHarness();

        await harness.RunAsync(harness.Context(keepPrevious: true), Token);

        Assert.True(harness.Server.Database(InMemoryServer.PreviousName(RunnerHarness.TargetDatabase)).HasTable(RunnerHarness.OldTable));
        Assert.Equal(CrmSource.Customers, harness.Target.Rows(CrmSource.CustomersTable).Count);
    }

    [Fact]
    public async Task A_row_written_to_the_source_during_the_run_is_not_copied()
    {
        using var harness = new RunnerHarness();
        harness.Provider.Calls.OnBatchWritten = _ => harness.Source.Insert(CrmSource.EventsTable, [[999_999L, "late"]]);

        var result = await harness.RunAsync(harness.Context(), Token);

        Assert.Equal(CrmSource.Events, result.Tables.Single(table => table.Table == CrmSource.EventsTable).Rows);
        Assert.Equal(CrmSource.Events, harness.Target.Rows(CrmSource.EventsTable).Count);
        Assert.True(harness.Source.Rows(CrmSource.EventsTable).Count > CrmSource.Events);
    }

    [Fact]
    public async Task Tables_are_held_when_the_provider_can_hold_them()
    {
        using var harness = new RunnerHarness();

        await harness.RunAsync(harness.Context(), Token);

        Assert.Equal(1, harness.Provider.Calls.HoldTablesCalls);
        Assert.True(harness.Progress.Journal.Guarantees!.TablesHeld);
    }

    [Fact]
    public async Task Tables_are_not_held_when_the_provider_cannot_hold_them_and_the_journal_says_so()
    {
        using var harness = new RunnerHarness(InMemoryProvider.Everything with { HoldsTables = false });

        await harness.RunAsync(harness.Context(), Token);

        Assert.Equal(0, harness.Provider.Calls.HoldTablesCalls);
        Assert.False(harness.Progress.Journal.Guarantees!.TablesHeld);
        Assert.True(harness.Progress.Journal.CutOver);
    }

    [Fact]
    public async Task One_consistent_reader_means_one_table_read_at_a_time_whatever_the_parallelism()
    {
        const string recovery = "renames run one after another; the next run finishes or undoes a half-done swap";
        using var harness = new RunnerHarness(new ProviderCapabilities(1, HoldsTables: true, CutOverKind.Sequential, recovery));
        harness.Provider.ReadDelayPerBatch = TimeSpan.FromMilliseconds(2);

        var result = await harness.RunAsync(harness.Context(parallelism: 4), Token);

        Assert.Equal(1, harness.Provider.Calls.MaxReadersOpen);
        Assert.Equal(CrmSource.TotalRows, result.TotalRows);
        Assert.Equal(new RunGuarantees(1, TablesHeld: true, CutOverKind.Sequential, recovery), harness.Progress.Journal.Guarantees);
    }

    [Fact]
    public async Task Several_consistent_readers_are_used_in_parallel()
    {
        // The control for the test above: with the same delays, more readers do overlap.
        using var harness = new RunnerHarness(InMemoryProvider.Everything with { ConsistentReaders = 3 });
        harness.Provider.ReadDelayPerBatch = TimeSpan.FromMilliseconds(20);

        await harness.RunAsync(harness.Context(parallelism: 4), Token);

        Assert.InRange(harness.Provider.Calls.MaxReadersOpen, 2, 3);
        Assert.Equal(3, harness.Progress.Journal.Guarantees!.ConsistentReaders);
    }

    [Fact]
    public async Task A_table_s_own_keys_are_built_once_its_rows_are_in_while_others_still_load_and_the_rest_after()
    {
        using var harness = new RunnerHarness { OwnPostDataMinimumRows = 0 };
        harness.Provider.ReadDelayPerBatch = TimeSpan.FromMilliseconds(5);

        await harness.RunAsync(harness.Context(parallelism: 2, batchSize: 4), Token);

        var events = harness.Provider.Calls.Events;
        var tables = new[] { CrmSource.CustomersTable, CrmSource.EventsTable, CrmSource.OrdersTable };
        Assert.All(tables, table =>
        {
            var built = events.ToList().IndexOf($"schema {table}");
            Assert.True(built > events.ToList().LastIndexOf($"written {table}"), $"{table}'s keys were built before all its rows were in");
        });

        // The first table done is built while another still loads.
        var firstBuilt = events.ToList().FindIndex(entry => entry.StartsWith("schema ", StringComparison.Ordinal));
        Assert.Contains(events.Skip(firstBuilt), entry => entry.StartsWith("written ", StringComparison.Ordinal));

        // Every key once: early ones are not built again by the final pass, which adds the foreign key.
        Assert.Equal(harness.Source.Keys.OrderBy(key => key.Name), harness.Target.Keys.OrderBy(key => key.Name));
        Assert.True(harness.Progress.Journal.Verification!.Passed);
    }

    [Fact]
    public async Task Between_engines_rows_travel_as_values_and_each_side_promises_its_own_part()
    {
        const string recovery = "the target's renames run one after another";
        using var harness = new RunnerHarness(InMemoryProvider.Everything with { ConsistentReaders = 2 }, new ProviderCapabilities(1, HoldsTables: false, CutOverKind.Sequential, recovery));

        var context = harness.Context(parallelism: 4);
        var result = await harness.RunAsync(context, Token);

        Assert.True(context.CrossEngine);
        Assert.Equal([DecodedRowBatch.Format], harness.TargetProvider.Calls.FormatsWritten);
        Assert.Equal(CrmSource.TotalRows, result.TotalRows);
        Assert.Equal(Describe(harness.Source.Rows(CrmSource.OrdersTable)), Describe(harness.Target.Rows(CrmSource.OrdersTable)));
        Assert.All(harness.Source.Rows(CrmSource.CustomersTable).Zip(harness.Target.Rows(CrmSource.CustomersTable).OrderBy(row => (long)row[CrmSource.Id]!)), pair =>
            Assert.NotEqual(pair.First[CrmSource.Name], pair.Second[CrmSource.Name]));

        // Readers and holding are the source's promises; the cut-over is the target's.
        Assert.Equal(new RunGuarantees(2, TablesHeld: true, CutOverKind.Sequential, recovery), harness.Progress.Journal.Guarantees);
        Assert.True(harness.Progress.Journal.Verification!.Passed);
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("events")]
    public async Task A_transient_failure_in_a_copy_is_retried_and_counted_once(string table)
    {
        using var harness = new RunnerHarness();
        var name = new Schema.QualifiedName("main", table);
        harness.Provider.Failures.FailCopy(name, times: 2, transient: true);

        var result = await harness.RunAsync(harness.Context(), Token);

        Assert.Equal(2, harness.Provider.Failures.Fired);
        Assert.Equal(CrmSource.TotalRows, result.TotalRows);
        Assert.Equal(CrmSource.TotalRows, harness.Progress.RowsCopied);
        Assert.Equal(harness.Source.Rows(name).Count, harness.Target.Rows(name).Count);
        Assert.True(harness.Progress.Journal.CutOver);
    }

    [Fact]
    public async Task A_transient_failure_that_outlasts_the_retries_stops_the_run()
    {
        using var harness = new RunnerHarness();
        harness.Provider.Failures.FailCopy(CrmSource.CustomersTable, times: TransientRetry.MaxAttempts, transient: true);

        await Assert.ThrowsAsync<InMemoryDatabaseException>(() => harness.RunAsync(harness.Context(), Token));

        Assert.Equal(TransientRetry.MaxAttempts, harness.Provider.Failures.Fired);
        Assert.True(harness.TargetUnchanged);
        Assert.Empty(harness.SideDatabases);
    }

    [Fact]
    public async Task A_permanent_failure_stops_the_run_drops_the_side_database_and_leaves_the_target()
    {
        using var harness = new RunnerHarness();
        harness.Provider.Failures.FailCopy(CrmSource.OrdersTable, times: 1, transient: false);

        var failure = await Assert.ThrowsAsync<InMemoryDatabaseException>(() => harness.RunAsync(harness.Context(), Token));

        Assert.Equal(1, harness.Provider.Failures.Fired);
        Assert.Equal(ExitCodes.RefreshFailed, new ProviderRegistry([harness.Provider]).Explain(failure).ExitCode);
        Assert.True(harness.TargetUnchanged);
        Assert.Empty(harness.SideDatabases);
        Assert.False(harness.Progress.Journal.CutOver);
        Assert.NotNull(harness.Progress.Journal.SideDatabase);
        Assert.False(harness.Server.Contains(harness.Progress.Journal.SideDatabase));
        Assert.Null(harness.Progress.Journal.Verification);
    }

    [Fact]
    public async Task An_undecodable_value_under_a_mask_that_reads_it_fails_verification_and_never_reaches_the_target()
    {
        using var harness = new RunnerHarness();
        PlantUndecodable(harness, row: 7, CrmSource.Email);

        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => harness.RunAsync(harness.Context(), Token));

        Assert.Equal(ExitCodes.VerificationFailed, failure.ExitCode);
        var check = Assert.Single(failure.Report.Failures);
        Assert.Equal((UndecodableValues.Check, "main.customers", "email"), (check.Check, check.Table, check.Column));
        Assert.Same(failure.Report, harness.Progress.Journal.Verification);
        Assert.True(harness.TargetUnchanged);
        Assert.Empty(harness.SideDatabases);
        var written = harness.Provider.Calls.RowsWrittenTo(CrmSource.CustomersTable);
        Assert.Equal(CrmSource.Customers, written.Count);
        Assert.Single(written, row => row[CrmSource.Email] is null);
        Assert.DoesNotContain(written.SelectMany(row => row), value => value is UndecodableSourceValue or Undecodable);
    }

    [Fact]
    public async Task An_undecodable_value_in_a_not_null_column_fails_the_load_as_verification_would()
    {
        using var harness = new RunnerHarness();
        PlantUndecodable(harness, row: 3, CrmSource.Name);

        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => harness.RunAsync(harness.Context(), Token));

        Assert.Equal(ExitCodes.VerificationFailed, failure.ExitCode);
        var check = Assert.Single(failure.Report.Failures);
        Assert.Equal((UndecodableValues.Check, "main.customers", "name"), (check.Check, check.Table, check.Column));
        Assert.True(harness.TargetUnchanged);
        Assert.Empty(harness.SideDatabases);
        Assert.DoesNotContain(harness.Provider.Calls.RowsWrittenTo(CrmSource.CustomersTable).SelectMany(row => row), value => value is UndecodableSourceValue or Undecodable);
    }

    [Fact]
    public async Task An_undecodable_value_under_null_or_constant_is_masked_without_being_read()
    {
        using var harness = new RunnerHarness();
        PlantUndecodable(harness, row: 1, CrmSource.Phone, CrmSource.Note);

        await harness.RunAsync(harness.Context(), Token);

        var row = harness.Target.Rows(CrmSource.CustomersTable)[0];
        Assert.Equal("555-0100", row[CrmSource.Phone]);
        Assert.Null(row[CrmSource.Note]);
        Assert.DoesNotContain(harness.Progress.Journal.Verification!.Checks, check => check.Check == UndecodableValues.Check);
    }

    [Fact]
    public async Task Cancelling_mid_copy_leaves_the_target_unchanged_and_releases_the_lock()
    {
        using var harness = new RunnerHarness();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        harness.Provider.Calls.OnBatchWritten = _ => cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.RunAsync(harness.Context(), cancel.Token));

        Assert.Equal("data", harness.Progress.Phase);
        Assert.True(harness.TargetUnchanged);
        Assert.Empty(harness.SideDatabases);
        Assert.False(harness.Progress.Journal.CutOver);
        await using var again = await harness.Provider.TryLockTargetAsync(harness.Staging, Token);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_second_run_on_a_target_whose_lock_is_held_exits_as_busy_and_touches_nothing()
    {
        using var harness = new RunnerHarness();
        await using var held = await harness.Provider.TryLockTargetAsync(harness.Staging, Token);
        Assert.NotNull(held);

        var failure = await Assert.ThrowsAsync<DataRefreshException>(() => harness.RunAsync(harness.Context(), Token));

        Assert.Equal(ExitCodes.TargetBusy, failure.ExitCode);
        Assert.Equal(0, harness.Provider.Calls.SnapshotsOpened);
        Assert.True(harness.TargetUnchanged);
        Assert.Empty(harness.SideDatabases);
    }

    [Fact]
    public async Task Side_databases_left_by_a_killed_run_are_dropped_and_journaled()
    {
        using var harness = new RunnerHarness();
        var leftover = InMemorySideDatabases.Refresh(RunnerHarness.TargetDatabase, "20260101000000abcd");
        harness.Server.CreateDatabase(leftover);

        await harness.RunAsync(harness.Context(), Token);

        Assert.Equal([leftover], harness.Progress.Journal.LeftoversRemoved);
        Assert.False(harness.Server.Contains(leftover));
    }

    [Fact]
    public async Task A_target_that_leads_to_the_production_source_is_refused_before_anything_is_opened()
    {
        using var harness = new RunnerHarness();

        var failure = await Assert.ThrowsAsync<DataRefreshException>(() => harness.RunAsync(harness.Context(target: "prod-alias"), Token));

        Assert.Equal(ExitCodes.ProductionGuard, failure.ExitCode);
        Assert.Equal(0, harness.Provider.Calls.SnapshotsOpened);
        Assert.Equal(CrmSource.Customers, harness.Source.Rows(CrmSource.CustomersTable).Count);
    }

    /// <summary>Replaces the source's values in the given columns of one customer row with a value no reader can decode.</summary>
    private static void PlantUndecodable(RunnerHarness harness, int row, params int[] columns)
    {
        var rows = harness.Source.Rows(CrmSource.CustomersTable).ToList();
        foreach (var column in columns)
        {
            rows[row - 1][column] = UndecodableSourceValue.Instance;
        }

        harness.Source.Replace(CrmSource.CustomersTable, rows);
    }

    /// <summary>Rows as text, in order: slices of a table commit in whatever order they finish.</summary>
    private static IEnumerable<string> Describe(IEnumerable<object?[]> rows) =>
        rows.Select(row => string.Join(" | ", row.Select(value => value?.ToString() ?? "NULL"))).Order(StringComparer.Ordinal);
}
