using System.Globalization;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Verification.Leakage;

/// <summary>
/// Judges one masked column's evidence: unchanged values (same row), original values (any row) and distinct values
/// (collapse). Details hold counts and shares only, never a value.
/// </summary>
public static class LeakageChecks
{
    public const string Unchanged = "unchanged values";
    public const string Original = "original values";
    public const string Distinct = "distinct values";

    public static IEnumerable<VerificationCheck> Evaluate(ColumnLeakage column, VerificationSettings settings)
    {
        var strategies = column.Column.Mask!.Branches().Select(rule => rule.Mask.Strategy).ToHashSet();
        yield return CheckUnchanged(column, strategies, settings);
        yield return CheckOriginal(column, strategies, settings);
        yield return CheckDistinct(column, strategies, settings);
    }

    private static VerificationCheck CheckUnchanged(ColumnLeakage column, HashSet<MaskStrategy> strategies, VerificationSettings settings)
    {
        // These change only part of the rows or of a value on purpose: keep (a when-branch), redact-text and json (text
        // without findings, documents without the paths) and generalize-date (a date already on the first of its month).
        if (FirstOf(strategies, MaskStrategy.Keep, MaskStrategy.RedactText, MaskStrategy.Json, MaskStrategy.GeneralizeDate) is { } partial)
        {
            return Make(column, Unchanged, CheckOutcome.Passed, $"not applicable: {Name(partial)} leaves some values unchanged on purpose");
        }

        var share = Share(column.UnchangedRows, column.NonNullRows);
        var leaks = column.UnchangedRows >= settings.MinLeakCount && share > settings.MaxUnchangedShare;
        var detail = $"{Count(column.UnchangedRows)} of {Count(column.NonNullRows)} non-null rows kept their source value ({Percent(share)}; " +
            $"limit {Percent(settings.MaxUnchangedShare)} and {settings.MinLeakCount} rows)";
        return Make(column, Unchanged, leaks ? LeakOutcome(settings) : CheckOutcome.Passed, detail);
    }

    private static VerificationCheck CheckOriginal(ColumnLeakage column, HashSet<MaskStrategy> strategies, VerificationSettings settings)
    {
        var sample = column.Sample;
        var sourceDistinct = sample.EstimatedOriginalDistinct;
        var distinctShare = Share(sourceDistinct, column.NonNullRows);

        // Dates and numbers live in dense spaces: a birth date shifted by a few days lands on another person's birth date
        // by chance (1,500 birth dates over 55 years: 7.5%). Only identifier-like text (e-mails, national ids, card
        // numbers) is sparse enough for a shared value to mean a leak; same-row leaks of any type are caught as unchanged.
        if (column.Column.Column.Category is not (ColumnCategory.Text or ColumnCategory.Uuid or ColumnCategory.Binary))
        {
            return Make(column, Original, CheckOutcome.Passed, $"not applicable: {column.Column.Column.Category.ToString().ToLowerInvariant()} values are too dense to tell chance from leaks");
        }

        if (FirstOf(strategies, MaskStrategy.Keep, MaskStrategy.RedactText, MaskStrategy.Json) is { } keeping)
        {
            return Make(column, Original, CheckOutcome.Passed, $"not applicable: {Name(keeping)} keeps some source values on purpose");
        }

        if (sourceDistinct < settings.MinDistinct || distinctShare < settings.IdentifierDistinctShare)
        {
            return Make(column, Original, CheckOutcome.Passed,
                $"not applicable: {Count(sourceDistinct, sample.IsExact)} distinct in {Count(column.NonNullRows)} rows ({Percent(distinctShare)}) is not identifier-like " +
                $"(applies from {settings.MinDistinct} values and {Percent(settings.IdentifierDistinctShare)} distinct)");
        }

        var shared = sample.EstimatedSharedDistinct;
        var share = sample.SharedShareOfMasked;
        var leaks = shared >= settings.MinLeakCount && share > settings.MaxOriginalShare;
        var detail = $"{Count(shared, sample.IsExact)} of {Count(sample.EstimatedMaskedDistinct, sample.IsExact)} distinct masked values are source values of the column " +
            $"({Percent(share)}{Sampled(sample)}; limit {Percent(settings.MaxOriginalShare)})";
        return Make(column, Original, leaks ? LeakOutcome(settings) : CheckOutcome.Passed, detail);
    }

    private static VerificationCheck CheckDistinct(ColumnLeakage column, HashSet<MaskStrategy> strategies, VerificationSettings settings)
    {
        var sample = column.Sample;
        var before = sample.EstimatedOriginalDistinct;
        var after = sample.EstimatedMaskedDistinct;
        var counts = $"{Count(before, sample.IsExact)} distinct source values, {Count(after, sample.IsExact)} masked{Sampled(sample)}";

        // NULL, constants and generalized dates collapse a column on purpose.
        if (FirstOf(strategies, MaskStrategy.Null, MaskStrategy.Constant, MaskStrategy.GeneralizeDate) is { } collapsing)
        {
            return Make(column, Distinct, CheckOutcome.Passed, $"{counts}; not judged: {Name(collapsing)} collapses values on purpose");
        }

        var collapsed = before >= settings.MinDistinct && after < before * settings.CollapseMaxShare;
        return Make(column, Distinct, collapsed ? CheckOutcome.Warning : CheckOutcome.Passed,
            collapsed ? $"{counts}: the mask collapses the column to {Percent(Share(after, before))} of its values (warns below {Percent(settings.CollapseMaxShare)})" : counts);
    }

    private static MaskStrategy? FirstOf(HashSet<MaskStrategy> strategies, params MaskStrategy[] candidates) =>
        candidates.Where(strategies.Contains).Select(strategy => (MaskStrategy?)strategy).FirstOrDefault();

    private static CheckOutcome LeakOutcome(VerificationSettings settings) => settings.Leakage == LeakagePolicy.Fail ? CheckOutcome.Failed : CheckOutcome.Warning;

    private static VerificationCheck Make(ColumnLeakage column, string check, CheckOutcome outcome, string detail) =>
        new(column.Table.ToString(), column.Column.Column.Name, check, outcome, detail);

    private static string Name(MaskStrategy strategy) => Rules.Catalog.StrategyCatalog.Of(strategy).Name;

    private static double Share(double part, double whole) => whole <= 0 ? 0 : part / whole;

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(double count, bool exact) => (exact ? "" : "~") + Math.Round(count).ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString(share is > 0 and < 0.001 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + "%";

    private static string Sampled(FingerprintSample sample) => sample.IsExact ? "" : $", estimated from a 1/{Math.ScaleB(1, sample.Level).ToString(CultureInfo.InvariantCulture)} sample";
}
