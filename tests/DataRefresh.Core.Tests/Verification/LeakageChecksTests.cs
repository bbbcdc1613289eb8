using DataRefresh.Core.Masking;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using DataRefresh.Core.Verification.Leakage;

namespace DataRefresh.Core.Tests.Verification;

/// <summary>The thresholds of the leakage checks: chance passes, leaks fail, collapse warns, and details hold no value.</summary>
public sealed class LeakageChecksTests
{
    // The fingerprints a run computes (see ValueFingerprint), so the estimates are checked on their real distribution.
    private static readonly ValueFingerprint Fingerprint = new(MaskingKey.FromSecret("leakage-test-key-0123456789"), "public.table\0column");
    private static readonly ColumnInfo Text = new("code", "text", "text", ColumnCategory.Text, null, false, false);
    private static readonly ColumnInfo Date = new("born", "date", "date", ColumnCategory.Date, null, false, false);

    private static ColumnLeakage Column(ColumnInfo column, MaskStrategy strategy, params (string, object)[] parameters) =>
        new(new QualifiedName("public", "people"), new ColumnPlan(column, ColumnRule.Of(column.Name, strategy, parameters)), FingerprintSample.DefaultCapacity);

    /// <summary><paramref name="rows"/> distinct originals; <paramref name="unchanged"/> rows keep theirs, <paramref name="shared"/> more get another row's.</summary>
    private static ColumnLeakage Observe(ColumnLeakage column, int rows, int unchanged = 0, int shared = 0, int maskedDistinct = int.MaxValue)
    {
        for (var row = 0; row < rows; row++)
        {
            var original = Fingerprint.Compute((long)row);
            var masked = row < unchanged ? original
                : row < unchanged + shared ? Fingerprint.Compute((long)(row + 1))
                : Fingerprint.Compute(-1L - (row % maskedDistinct));
            column.Observe(original, masked, originalIsNull: false, maskedIsNull: false);
        }

        return column;
    }

    private static VerificationCheck Check(ColumnLeakage column, string check, VerificationSettings? settings = null) =>
        LeakageChecks.Evaluate(column, settings ?? VerificationSettings.Default).Single(result => result.Check == check);

    [Theory]
    [InlineData(1000, 5, CheckOutcome.Passed)]     // 0.5%: a fake name equals its original now and then
    [InlineData(1000, 11, CheckOutcome.Failed)]    // 1.1%
    [InlineData(100, 2, CheckOutcome.Passed)]      // 2%, but two rows of a small table are chance
    [InlineData(100, 3, CheckOutcome.Failed)]
    [InlineData(1000, 1000, CheckOutcome.Failed)]  // a regex that never matched
    public void Unchanged_values_fail_above_one_percent_and_three_rows(int rows, int unchanged, CheckOutcome expected)
    {
        var column = Observe(Column(Text, MaskStrategy.Fake, ("faker", "name.firstName")), rows, unchanged);

        var check = Check(column, LeakageChecks.Unchanged);

        Assert.Equal(expected, check.Outcome);
        Assert.Equal("public.people", check.Table);
        Assert.Equal("code", check.Column);
        Assert.StartsWith($"{unchanged:N0} of {rows:N0} non-null rows kept their source value", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_warn_policy_turns_leaks_into_warnings()
    {
        var column = Observe(Column(Text, MaskStrategy.Hash), 1000, unchanged: 1000);

        var settings = VerificationSettings.Default with { Leakage = LeakagePolicy.Warn };

        Assert.Equal(CheckOutcome.Warning, Check(column, LeakageChecks.Unchanged, settings).Outcome);
        Assert.Equal(CheckOutcome.Warning, Check(column, LeakageChecks.Original, settings).Outcome);
    }

    [Theory]
    [InlineData(8, CheckOutcome.Passed)]
    [InlineData(50, CheckOutcome.Failed)]
    public void Original_values_of_other_rows_fail_in_identifier_like_text(int shared, CheckOutcome expected)
    {
        var column = Observe(Column(Text, MaskStrategy.Hash), 1000, shared: shared);

        var check = Check(column, LeakageChecks.Original);

        Assert.Equal(expected, check.Outcome);
        Assert.StartsWith($"{shared} of 1,000 distinct masked values are source values of the column", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Original_values_are_not_judged_for_dense_or_repetitive_columns()
    {
        // A shifted date lands on another row's date all the time; that is chance, not a leak.
        var dates = Observe(Column(Date, MaskStrategy.ShiftDate, ("days", 30)), 1000, shared: 900);
        Assert.Equal(CheckOutcome.Passed, Check(dates, LeakageChecks.Original).Outcome);
        Assert.StartsWith("not applicable", Check(dates, LeakageChecks.Original).Detail, StringComparison.Ordinal);

        // Ten first names over a thousand rows are not identifiers.
        var names = Column(Text, MaskStrategy.Fake, ("faker", "name.firstName"));
        for (var row = 0; row < 1000; row++)
        {
            names.Observe(Fingerprint.Compute((long)(row % 10)), Fingerprint.Compute((long)((row + 1) % 10)), false, false);
        }

        Assert.Equal(CheckOutcome.Passed, Check(names, LeakageChecks.Original).Outcome);
        Assert.Contains("is not identifier-like", Check(names, LeakageChecks.Original).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_masked_down_to_a_few_values_warns_unless_the_mask_collapses_on_purpose()
    {
        var lookup = Observe(Column(Text, MaskStrategy.Hash), 1000, maskedDistinct: 3);
        var check = Check(lookup, LeakageChecks.Distinct);
        Assert.Equal(CheckOutcome.Warning, check.Outcome);
        Assert.StartsWith("1,000 distinct source values, 3 masked: the mask collapses the column to 0.3% of its values", check.Detail, StringComparison.Ordinal);

        Assert.Equal(CheckOutcome.Passed, Check(Observe(Column(Text, MaskStrategy.Hash), 1000, maskedDistinct: 150), LeakageChecks.Distinct).Outcome);
        Assert.Equal(CheckOutcome.Passed, Check(Observe(Column(Text, MaskStrategy.Hash), 99, maskedDistinct: 1), LeakageChecks.Distinct).Outcome);
        Assert.Equal(CheckOutcome.Passed, Check(Observe(Column(Date, MaskStrategy.GeneralizeDate, ("to", "year")), 1000, maskedDistinct: 3), LeakageChecks.Distinct).Outcome);
    }
}
