using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using Xunit;

namespace DataRefresh.Testing.Conformance;

/// <summary>
/// The provider conformance suite: what every engine must do through the seam, the same cases for each, driven only
/// through <see cref="IRefreshProvider"/> and Core's own stream (<see cref="TableStream"/>). A provider's subclass
/// says in a few members how to make the conformance table <c>people</c> (see <see cref="ConformancePerson"/>) and
/// read it back; everything asserted here goes through the seam.
/// </summary>
public abstract class ProviderConformanceTests
{
    private static readonly SourceLocation Here = new("conformance.yaml", 1, 1);
    private static readonly MaskingKey Key = MaskingKey.FromSecret("conformance-key-0123456789");

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract IRefreshProvider Provider { get; }

    /// <summary>A new source database holding the empty table <c>people</c>.</summary>
    protected abstract Task<EnvironmentSettings> CreateSourceAsync();

    /// <summary>A target environment whose database does not exist yet, on the same server as the source.</summary>
    protected abstract EnvironmentSettings NewTarget();

    /// <summary>The environment of another database on the target's server (a side database, the target, its previous copy).</summary>
    protected abstract EnvironmentSettings Beside(EnvironmentSettings target, string database);

    /// <summary>The database name an environment connects to.</summary>
    protected abstract string DatabaseOf(EnvironmentSettings environment);

    protected abstract Task InsertAsync(EnvironmentSettings database, IReadOnlyList<ConformancePerson> people);

    /// <summary>Every row of <c>people</c>, ordered by id.</summary>
    protected abstract Task<IReadOnlyList<ConformancePerson>> ReadAsync(EnvironmentSettings database);

    /// <summary>Inserts a row whose id comes from the table's sequence or identity; returns that id.</summary>
    protected abstract Task<long> InsertWithGeneratedIdAsync(EnvironmentSettings database);

    /// <summary>Removes the unique key on <c>people.email</c>.</summary>
    protected abstract Task DropEmailKeyAsync(EnvironmentSettings database);

    /// <summary>Replaces the unique key on <c>people.email</c> by one of the same name over (email, name).</summary>
    protected abstract Task WidenEmailKeyAsync(EnvironmentSettings database);

    /// <summary>Makes the driver fail with an error whose text quotes <paramref name="plantedValue"/> (a unique violation, say) and returns it.</summary>
    protected abstract Task<Exception> ProvokeErrorQuotingAsync(EnvironmentSettings database, string plantedValue);

    /// <summary>
    /// Sets <c>people.balance</c> of row <paramref name="id"/> to a value outside the value contract's decimal (PostgreSQL:
    /// numeric NaN); false when the engine cannot store one, and the case is skipped.
    /// </summary>
    protected abstract Task<bool> SetOutOfRangeBalanceAsync(EnvironmentSettings database, long id);

    /// <summary>A failure of this engine that a retry may cure (a dropped connection, a serialization failure).</summary>
    protected abstract Exception TransientFailure();

    /// <summary>Lets the snapshot cut the small conformance table into slices; returns false for engines that never slice.</summary>
    protected virtual bool AllowSmallSlices(ISourceSnapshot snapshot) => false;

    [Fact]
    public async Task A_row_written_after_the_snapshot_opened_is_invisible_to_it()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(3));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        await InsertAsync(source, ConformancePerson.Sample(1, firstId: 100));

        await using var load = await NewLoadAsync(snapshot, NewTarget());
        var rows = await CopyPeopleAsync(snapshot, load, Rules());

        Assert.Equal(3, rows);
        Assert.Equal(3, await CountPeopleAsync(snapshot, load));
    }

    [Fact]
    public async Task Slices_cover_every_row_exactly_once()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(400));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        var slicing = AllowSmallSlices(snapshot);
        var target = NewTarget();
        await using var load = await NewLoadAsync(snapshot, target);
        var people = PeoplePlan(snapshot, Rules());
        var options = new TableReadOptions(50, new MaskingSession(Key), load.ResolveTypeIdAsync);

        var slices = await snapshot.SliceAsync(people, 3, Token);
        Assert.True(!slicing || slices.Count > 1, $"{slices.Count} slice(s) of a table the provider was told to slice");
        var rows = await Task.WhenAll(slices.Select(slice => TableStream.CopyAsync(snapshot, load, people, slice, options, new Progress<CopiedBatch>(), Token)));

        Assert.Equal(400, rows.Sum());
        Assert.Equal(Enumerable.Range(1, 400).Select(id => (long)id), (await ReadAsync(Beside(target, load.DatabaseName))).Select(person => person.Id));
    }

    [Fact]
    public async Task Values_of_every_category_survive_a_raw_copy_and_only_masked_columns_change()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(12));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        var target = NewTarget();
        var expected = (await ReadAsync(source)).Select(person => person.Describe()).ToList();

        await using (var raw = await NewLoadAsync(snapshot, target))
        {
            await CopyPeopleAsync(snapshot, raw, Rules());
            Assert.Equal(expected, (await ReadAsync(Beside(target, raw.DatabaseName))).Select(person => person.Describe()));
        }

        await using var masked = await NewLoadAsync(snapshot, target);
        await CopyPeopleAsync(snapshot, masked, Rules(ColumnRule.Of("email", MaskStrategy.Hash), ColumnRule.Of("name", MaskStrategy.Constant, ("value", "x"))));
        var copied = await ReadAsync(Beside(target, masked.DatabaseName));
        var originals = await ReadAsync(source);
        Assert.All(copied.Zip(originals), pair =>
        {
            Assert.Equal("x", pair.First.Name);
            Assert.Equal(pair.Second.Email is null, pair.First.Email is null);
            Assert.True(pair.First.Email is null || pair.First.Email != pair.Second.Email, "a hashed e-mail kept its value");
            Assert.Equal(pair.Second with { Name = "x", Email = pair.First.Email, Photo = null }, pair.First with { Photo = null });
        });
    }

    [Fact]
    public async Task Sampled_and_column_values_keep_the_value_contract()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(12));

        await using (var catalog = await Provider.OpenCatalogAsync(source, Token))
        {
            var people = catalog.Schema.Tables.Single(table => table.Name.Name == "people");
            var rows = await catalog.SampleRowsAsync(people, 50, Token);
            Assert.Equal(12, rows.Count);
            Assert.All(rows, row => Assert.All(people.Columns.Zip(row), cell =>
                Assert.True(Core.Values.ValueContract.Holds(cell.First, cell.Second), $"{cell.First.Name} ({cell.First.Category}) gave a {cell.Second?.GetType().Name}")));
        }

        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        var table = snapshot.Schema.Tables.Single(candidate => candidate.Name.Name == "people");
        foreach (var column in table.Columns)
        {
            await foreach (var value in snapshot.ReadColumnAsync(table, column.Name, Token))
            {
                Assert.True(Core.Values.ValueContract.Holds(column, value), $"{column.Name} ({column.Category}) read as a {value?.GetType().Name}");
            }
        }
    }

    [Fact]
    public async Task A_value_out_of_range_never_reaches_the_target_and_is_counted()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(5));
        if (!await SetOutOfRangeBalanceAsync(source, 2))
        {
            Assert.Skip($"{Provider.Kind} cannot store a value outside the value contract's decimal.");
        }

        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        var target = NewTarget();
        await using var noised = await NewLoadAsync(snapshot, target);
        var masking = new MaskingSession(Key);
        var noise = PeoplePlan(snapshot, Rules(ColumnRule.Of("balance", MaskStrategy.Noise, ("percent", 10.0))));
        await TableStream.CopyAsync(snapshot, noised, noise, TableSlice.Whole, new TableReadOptions(7, masking, noised.ResolveTypeIdAsync), new Progress<CopiedBatch>(), Token);

        var check = Assert.Single(masking.Undecodable.Checks());
        Assert.Equal(("balance", CheckOutcome.Failed), (check.Column, check.Outcome));
        Assert.StartsWith("1 ", check.Detail, StringComparison.Ordinal);
        Assert.Null((await ReadAsync(Beside(target, noised.DatabaseName))).Single(person => person.Id == 2).Balance);

        await using var nulled = await NewLoadAsync(snapshot, target);
        var nulling = new MaskingSession(Key);
        var plan = PeoplePlan(snapshot, Rules(ColumnRule.Of("balance", MaskStrategy.Null)));
        await TableStream.CopyAsync(snapshot, nulled, plan, TableSlice.Whole, new TableReadOptions(7, nulling, nulled.ResolveTypeIdAsync), new Progress<CopiedBatch>(), Token);
        Assert.Empty(nulling.Undecodable.Checks());
        Assert.All(await ReadAsync(Beside(target, nulled.DatabaseName)), person => Assert.Null(person.Balance));
    }

    [Fact]
    public async Task Values_of_every_category_survive_the_decoded_form_other_engines_use()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(12));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        var target = NewTarget();
        await using var load = await NewLoadAsync(snapshot, target);
        var options = new TableReadOptions(5, new MaskingSession(Key), load.ResolveTypeIdAsync, Decoded: true);

        await using (var reader = await snapshot.OpenTableReaderAsync(PeoplePlan(snapshot, Rules()), TableSlice.Whole, options, Token))
        {
            Assert.Equal(DecodedRowBatch.Format, reader.Format);
        }

        var rows = await TableStream.CopyAsync(snapshot, load, PeoplePlan(snapshot, Rules(ColumnRule.Of("email", MaskStrategy.Hash))), TableSlice.Whole, options, new Progress<CopiedBatch>(), Token);

        Assert.Equal(12, rows);
        var copied = await ReadAsync(Beside(target, load.DatabaseName));
        var originals = await ReadAsync(source);
        Assert.Equal(originals.Select(person => (person with { Email = null }).Describe()), copied.Select(person => (person with { Email = null }).Describe()));
        Assert.All(copied.Zip(originals), pair => Assert.True(pair.First.Email is null ? pair.Second.Email is null : pair.First.Email != pair.Second.Email));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_subset_reads_keys_with_its_roots_where_and_copies_exactly_the_chosen_rows(bool decoded)
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(60));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        var plan = PeoplePlan(snapshot, Rules(ColumnRule.Of("email", MaskStrategy.Hash)));
        var refresh = new Core.Planning.RefreshPlan([plan], [], []);
        const string where = "id <= 40";
        var subset = new Core.Planning.Subsets.SubsetDefinition(
            [new Core.Planning.Subsets.SubsetRoot(plan.Table.Name.ToString(), where, 50, null, new Core.Errors.SourceLocation("job.yaml", 3, 5))],
            0, Core.Planning.Subsets.UnreachedPolicy.Empty, [], new Core.Errors.SourceLocation("job.yaml", 1, 1));

        var chosen = await Core.Planning.Subsets.SubsetClosure.ComputeAsync(snapshot, refresh, subset, Key, Provider.DefaultSchema, Token);

        var filter = chosen.For(plan.Table.Name)!.Filter!;
        Assert.InRange(filter.Count, 5, 35);
        var target = NewTarget();
        await using var load = await NewLoadAsync(snapshot, target);
        var masking = new MaskingSession(Key) { Subset = chosen };
        var rows = await TableStream.CopyAsync(snapshot, load, plan, TableSlice.Whole, new TableReadOptions(7, masking, load.ResolveTypeIdAsync, Decoded: decoded), new Progress<CopiedBatch>(), Token);

        var copied = await ReadAsync(Beside(target, load.DatabaseName));
        Assert.Equal(filter.Count, rows);
        Assert.Equal(filter.Count, copied.Count);
        Assert.All(copied, person => Assert.InRange(person.Id, 1, 40));
        var originals = (await ReadAsync(source)).ToDictionary(person => person.Id);
        Assert.All(copied, person => Assert.Equal((originals[person.Id] with { Email = null }).Describe(), (person with { Email = null }).Describe()));

        // A root's where that does not run is refused at the root's place in the job file.
        var broken = subset with { Roots = [subset.Roots[0] with { Where = "no_such_column = 1" }] };
        var error = await Assert.ThrowsAsync<Core.Errors.FileFormatException>(() => Core.Planning.Subsets.SubsetClosure.ComputeAsync(snapshot, refresh, broken, Key, Provider.DefaultSchema, Token));
        Assert.Equal(3, error.Location.Line);
        Assert.Contains("does not run on the source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_of_another_engine_is_built_from_the_neutral_model_and_keeps_its_values_and_keys()
    {
        var people = ConformancePerson.Sample(12);
        var other = OtherEngineSource.Create(Provider.Kind, Provider.DefaultSchema, people);
        var target = NewTarget();
        await using var snapshot = await other.Provider.OpenSnapshotAsync(other.Environment, Token);
        var schema = await snapshot.ExportSchemaAsync(Token);
        Assert.Null(schema.NativeArchive);

        await using (var load = await Provider.CreateTargetLoadAsync(target, RunIds.New(TimeProvider.System.GetUtcNow()), Token))
        {
            await load.ApplySchemaAsync(schema, SchemaSection.PreData, new SchemaApplyOptions(false, 2), Token);
            var options = new TableReadOptions(5, new MaskingSession(Key), load.ResolveTypeIdAsync, Decoded: true);
            var rows = await TableStream.CopyAsync(snapshot, load, PeoplePlan(snapshot, Rules(ColumnRule.Of("email", MaskStrategy.Hash))), TableSlice.Whole, options, new Progress<CopiedBatch>(), Token);
            await load.ApplySchemaAsync(schema, SchemaSection.PostData, new SchemaApplyOptions(false, 2), Token);

            Assert.Equal(12, rows);
            var checks = await load.VerifyKeysAsync(await snapshot.ReadKeysAsync(Token), Token);
            Assert.NotEmpty(checks);
            Assert.All(checks, check => Assert.Equal(CheckOutcome.Passed, check.Outcome));
            await load.CutOverAsync(keepPrevious: false, Token);
        }

        var copied = await ReadAsync(target);
        Assert.Equal(people.Select(person => (person with { Email = null }).Describe()), copied.Select(person => (person with { Email = null }).Describe()));
        Assert.All(copied.Zip(people), pair => Assert.True(pair.First.Email is null ? pair.Second.Email is null : pair.First.Email != pair.Second.Email));
    }

    [Fact]
    public async Task A_copy_cancelled_mid_batch_leaves_nothing_in_the_table()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(300));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        await using var load = await NewLoadAsync(snapshot, NewTarget());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var people = PeoplePlan(snapshot, Rules(ColumnRule.Of("email", MaskStrategy.Hash)));
        var options = new TableReadOptions(10, new MaskingSession(Key), load.ResolveTypeIdAsync);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TableStream.CopyAsync(snapshot, load, people, TableSlice.Whole, options, new CancelOnFirstReport(cancel), cancel.Token));

        Assert.Equal(0, await CountPeopleAsync(snapshot, load));
    }

    [Fact]
    public async Task The_target_lock_admits_one_run_at_a_time()
    {
        var target = NewTarget();

        await using (var first = await Provider.TryLockTargetAsync(target, Token))
        {
            Assert.NotNull(first);
            Assert.Null(await Provider.TryLockTargetAsync(target, Token));
        }

        await using var again = await Provider.TryLockTargetAsync(target, Token);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task Side_databases_a_run_left_behind_are_found_and_dropped()
    {
        var target = NewTarget();
        await using var abandoned = await Provider.CreateTargetLoadAsync(target, RunIds.New(DateTimeOffset.UnixEpoch), Token);
        await using var targetLock = await Provider.TryLockTargetAsync(target, Token);

        var leftovers = await targetLock!.FindLeftoversAsync(Token);
        Assert.Contains(abandoned.DatabaseName, leftovers);
        await targetLock.DropLeftoverAsync(abandoned.DatabaseName, Token);

        Assert.DoesNotContain(abandoned.DatabaseName, await targetLock.FindLeftoversAsync(Token));
    }

    [Fact]
    public async Task Cut_over_replaces_the_target_and_keeps_the_previous_copy_when_asked()
    {
        var source = await CreateSourceAsync();
        var target = NewTarget();
        await InsertAsync(source, ConformancePerson.Sample(3));
        await RefreshAsync(source, target, keepPrevious: false);
        Assert.Equal(3, (await ReadAsync(target)).Count);

        await InsertAsync(source, ConformancePerson.Sample(2, firstId: 10));
        await RefreshAsync(source, target, keepPrevious: true);

        Assert.Equal(5, (await ReadAsync(target)).Count);
        Assert.Equal(3, (await ReadAsync(Beside(target, DatabaseOf(target) + "__previous"))).Count);
    }

    [Fact]
    public async Task Rollback_puts_the_previous_copy_back_once_and_then_finds_none()
    {
        var source = await CreateSourceAsync();
        var target = NewTarget();
        await using (var empty = await Provider.TryLockTargetAsync(target, Token))
        {
            Assert.False(await empty!.RollBackAsync(RunIds.New(TimeProvider.System.GetUtcNow()), Token));
        }

        await InsertAsync(source, ConformancePerson.Sample(3));
        await RefreshAsync(source, target, keepPrevious: false);
        await InsertAsync(source, ConformancePerson.Sample(2, firstId: 10));
        await RefreshAsync(source, target, keepPrevious: true);

        await using var targetLock = await Provider.TryLockTargetAsync(target, Token);
        Assert.True(await targetLock!.RollBackAsync(RunIds.New(TimeProvider.System.GetUtcNow()), Token));
        Assert.Equal(ConformancePerson.Sample(3).Select(person => person.Id), (await ReadAsync(target)).Select(person => person.Id).Order());
        Assert.Empty(await targetLock.FindLeftoversAsync(Token));

        Assert.False(await targetLock.RollBackAsync(RunIds.New(TimeProvider.System.GetUtcNow()), Token));
        Assert.Equal(3, (await ReadAsync(target)).Count);
    }

    [Fact]
    public async Task Sequences_continue_after_the_copied_rows()
    {
        var source = await CreateSourceAsync();
        for (var row = 0; row < 5; row++)
        {
            await InsertWithGeneratedIdAsync(source);
        }

        var target = NewTarget();
        await RefreshAsync(source, target, keepPrevious: false);

        Assert.Equal(6, await InsertWithGeneratedIdAsync(target));
    }

    [Fact]
    public async Task Verification_fails_when_a_key_of_the_source_is_different_or_missing_in_the_copy()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(5));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        var target = NewTarget();
        await using var load = await NewLoadAsync(snapshot, target);
        await CopyPeopleAsync(snapshot, load, Rules());
        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(Token), SchemaSection.PostData, new SchemaApplyOptions(false, 2), Token);
        var keys = await snapshot.ReadKeysAsync(Token);

        Assert.DoesNotContain(await load.VerifyKeysAsync(keys, Token), check => check.Outcome != CheckOutcome.Passed);
        await WidenEmailKeyAsync(Beside(target, load.DatabaseName));
        var different = Assert.Single(await load.VerifyKeysAsync(keys, Token), check => check.Outcome == CheckOutcome.Failed);
        Assert.Contains("defined differently", different.Detail, StringComparison.Ordinal);

        await DropEmailKeyAsync(Beside(target, load.DatabaseName));
        var missing = Assert.Single(await load.VerifyKeysAsync(keys, Token), check => check.Outcome == CheckOutcome.Failed);
        Assert.Contains("missing", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_s_own_keys_built_early_hold_and_the_final_pass_builds_only_the_rest()
    {
        var source = await CreateSourceAsync();
        await InsertAsync(source, ConformancePerson.Sample(20));
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        await using var load = await NewLoadAsync(snapshot, NewTarget());
        await CopyPeopleAsync(snapshot, load, Rules());
        var schema = await snapshot.ExportSchemaAsync(Token);
        var keys = await snapshot.ReadKeysAsync(Token);

        await load.ApplyTableSchemaAsync(schema, PeopleName(), new SchemaApplyOptions(false, 2), Token);

        var early = await load.VerifyKeysAsync(keys, Token);
        Assert.Contains(early, check => check.Table == PeopleName().ToString() && check.Outcome == CheckOutcome.Passed);
        Assert.DoesNotContain(early, check => check.Outcome != CheckOutcome.Passed);
        await load.ApplySchemaAsync(schema, SchemaSection.PostData, new SchemaApplyOptions(false, 2), Token);
        Assert.DoesNotContain(await load.VerifyKeysAsync(keys, Token), check => check.Outcome != CheckOutcome.Passed);
    }

    [Fact]
    public async Task An_explained_driver_error_never_quotes_a_row_value()
    {
        const string planted = "planted-value-4711@example.com";
        var source = await CreateSourceAsync();

        var error = await ProvokeErrorQuotingAsync(source, planted);

        var explained = Provider.Explain(error);
        Assert.NotNull(explained);
        Assert.DoesNotContain(planted, explained.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", explained.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_failures_are_told_from_permanent_ones()
    {
        Assert.True(Provider.IsTransient(TransientFailure()));

        var missing = Beside(NewTarget(), "no_such_database_" + Guid.NewGuid().ToString("N")[..8]);
        var permanent = await Assert.ThrowsAnyAsync<Exception>(() => Provider.OpenSnapshotAsync(missing, Token));
        Assert.False(Provider.IsTransient(permanent));
    }

    [Fact]
    public void The_provider_declares_its_capabilities()
    {
        var capabilities = Provider.Capabilities;

        Assert.True(capabilities.ConsistentReaders >= 1);
        Assert.False(string.IsNullOrWhiteSpace(capabilities.CutOverRecovery));
    }

    /// <summary>A whole refresh of <c>people</c> through the seam, as the runner does it, ending in cut-over.</summary>
    private async Task RefreshAsync(EnvironmentSettings source, EnvironmentSettings target, bool keepPrevious)
    {
        await using var targetLock = await Provider.TryLockTargetAsync(target, Token);
        await using var snapshot = await Provider.OpenSnapshotAsync(source, Token);
        await using var load = await NewLoadAsync(snapshot, target);
        await CopyPeopleAsync(snapshot, load, Rules());
        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(Token), SchemaSection.PostData, new SchemaApplyOptions(false, 2), Token);
        await load.ApplySequencesAsync(await snapshot.ReadSequencesAsync(Token), Token);
        await load.FinishLoadAsync(Token);
        await load.CutOverAsync(keepPrevious, Token);
    }

    private async Task<ITargetLoad> NewLoadAsync(ISourceSnapshot snapshot, EnvironmentSettings target)
    {
        var load = await Provider.CreateTargetLoadAsync(target, RunIds.New(TimeProvider.System.GetUtcNow()), Token);
        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(Token), SchemaSection.PreData, new SchemaApplyOptions(false, 2), Token);
        return load;
    }

    private static async Task<long> CopyPeopleAsync(ISourceSnapshot snapshot, ITargetLoad load, RuleSet rules)
    {
        var options = new TableReadOptions(7, new MaskingSession(Key), load.ResolveTypeIdAsync);
        return await TableStream.CopyAsync(snapshot, load, PeoplePlan(snapshot, rules), TableSlice.Whole, options, new Progress<CopiedBatch>(), Token);
    }

    private static async Task<long> CountPeopleAsync(ISourceSnapshot snapshot, ITargetLoad load)
    {
        var people = snapshot.Schema.Tables.Single(table => table.Name.Name == "people").Name;
        return (await load.CountRowsAsync([people], Token))[people];
    }

    private static TablePlan PeoplePlan(ISourceSnapshot snapshot, RuleSet rules) =>
        RefreshPlanner.Plan(snapshot.Schema, rules).Tables.Single(table => table.Table.Name.Name == "people");

    private RuleSet Rules(params ColumnRule[] columns) => new(["conformance.yaml"], columns.Length == 0 ? [] : [new TableRule(PeopleName(), Here, columns)], UnlistedPolicy.Keep);

    private QualifiedName PeopleName() => new(Provider.DefaultSchema, "people");

    /// <summary>Cancels the copy as soon as the first batch was written.</summary>
    private sealed class CancelOnFirstReport(CancellationTokenSource cancel) : IProgress<CopiedBatch>
    {
        public void Report(CopiedBatch value) => cancel.Cancel();
    }
}
