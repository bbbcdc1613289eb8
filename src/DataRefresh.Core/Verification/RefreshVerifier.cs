using System.Globalization;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Verification.Leakage;
using Serilog;

namespace DataRefresh.Core.Verification;

/// <summary>
/// Checks the loaded side database before cut-over: row counts against what was read from the snapshot, keys and unique
/// constraints against the source's (by the provider), and the leakage evidence gathered while masking. Logs a summary
/// and every warning; throws <see cref="VerificationFailedException"/> when a check failed.
/// </summary>
public sealed class RefreshVerifier(ILogger logger, VerificationSettings settings)
{
    public const string RowCount = "row count";

    public async Task<VerificationReport> VerifyAsync(
        ISourceSnapshot snapshot, ITargetLoad target, IReadOnlyList<TableResult> tables, LeakageRecorder leakage, UndecodableValues undecodable, Planning.LargeObjectPlan? largeObjects = null, CancellationToken cancellationToken = default)
    {
        var checks = new List<VerificationCheck>(undecodable.Checks());
        checks.AddRange(await CheckRowCountsAsync(target, tables, cancellationToken));
        if (largeObjects is not null)
        {
            checks.Add(await CheckLargeObjectsAsync(target, largeObjects, cancellationToken));
        }

        checks.AddRange(await target.VerifyKeysAsync(await snapshot.ReadKeysAsync(cancellationToken), cancellationToken));
        checks.AddRange(leakage.Columns().SelectMany(column => LeakageChecks.Evaluate(column, settings)));
        var report = new VerificationReport(checks);

        logger.Information(
            "Verification: {Checks} checks, {Passed} passed, {Warnings} warnings, {Failed} failed",
            checks.Count, checks.Count(check => check.Outcome == CheckOutcome.Passed), report.Warnings.Count(), report.Failures.Count());
        foreach (var warning in report.Warnings)
        {
            logger.Warning("Verification: {Check}", warning.ToString());
        }

        foreach (var failure in report.Failures)
        {
            logger.Error("Verification: {Check}", failure.ToString());
        }

        return report.Passed ? report : throw new VerificationFailedException(report);
    }

    /// <summary>Every copied table holds the rows the copy read from the snapshot; tables with <c>rows: none</c> are empty.</summary>
    private static async Task<IEnumerable<VerificationCheck>> CheckRowCountsAsync(ITargetLoad target, IReadOnlyList<TableResult> tables, CancellationToken cancellationToken)
    {
        var counts = await target.CountRowsAsync([.. tables.Select(table => table.Table)], cancellationToken);
        return tables.Select(table =>
        {
            var expected = table.Mode == TableMode.SchemaOnly ? 0 : table.Rows;
            var actual = counts[table.Table];
            var source = table.Mode == TableMode.SchemaOnly ? "none copied (rows: none)" : $"{Count(expected)} read from the snapshot";
            return actual == expected
                ? new VerificationCheck(table.Table.ToString(), null, RowCount, CheckOutcome.Passed, $"{Count(actual)} rows, {source}")
                : new VerificationCheck(table.Table.ToString(), null, RowCount, CheckOutcome.Failed, $"{Count(actual)} rows in the side database, {source}");
        });
    }

    public const string LargeObjects = "large objects";

    /// <summary>The side database holds every large object of the source (copied or empty), or none when the rule excludes them.</summary>
    private static async Task<VerificationCheck> CheckLargeObjectsAsync(ITargetLoad target, Planning.LargeObjectPlan plan, CancellationToken cancellationToken)
    {
        var expected = plan.Action == Rules.LargeObjectAction.Exclude ? 0 : plan.Count;
        var actual = await target.CountLargeObjectsAsync(cancellationToken);
        var detail = $"{Count(actual)} in the side database, {Count(plan.Count)} in the source ({plan.Action.ToString().ToLowerInvariant()})";
        return new VerificationCheck("(database)", null, LargeObjects, actual == expected ? CheckOutcome.Passed : CheckOutcome.Failed, detail);
    }

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
