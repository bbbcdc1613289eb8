using System.Diagnostics;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Providers;
using Serilog;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// The job's <c>after:</c> steps on the side database, in order, before cut-over: each SQL file in one transaction, then
/// its expect queries. Any row an expect query returns stops the run with exit 11 and the side database is dropped, so a
/// step that did not do its job (passwords not reset, e-mail not disabled) never reaches the target. Rows are counted only.
/// </summary>
internal static class AfterSteps
{
    public static async Task RunAsync(ITargetLoad target, IReadOnlyList<AfterStep> steps, RunJournal journal, ILogger logger, CancellationToken cancellationToken = default)
    {
        foreach (var step in steps)
        {
            var watch = Stopwatch.StartNew();
            IReadOnlyList<long> rows;
            try
            {
                rows = await target.RunAfterStepAsync(step, cancellationToken);
            }
            catch (Exception error)
            {
                // Only our own sentences are known to hold no value; anything else is named by its kind.
                var why = error switch
                {
                    DataRefreshException known => known.Message,
                    OperationCanceledException => "cancelled",
                    _ => $"did not finish ({error.GetType().Name})",
                };
                journal.AfterStepDone(new AfterStepResult(step.SqlFile, step.Sha256, watch.Elapsed, [], why));
                throw;
            }

            var expectations = step.Expect.Select((expect, index) => new ExpectResult(expect.Location.ToString(), rows[index])).ToList();
            journal.AfterStepDone(new AfterStepResult(step.SqlFile, step.Sha256, watch.Elapsed, expectations, null));
            logger.Information("After step {File}: done in {Seconds:F1} s, {Checks} expect queries", step.SqlFile, watch.Elapsed.TotalSeconds, expectations.Count);

            var failed = step.Expect.Zip(rows).FirstOrDefault(pair => pair.Second > 0);
            if (failed.First is not null)
            {
                throw new DataRefreshException(
                    ExitCodes.VerificationFailed,
                    $"{failed.First.Location}: the expect query of after step {step.SqlFile} returned {failed.Second} row{(failed.Second == 1 ? "" : "s")} where none may remain; " +
                    "the run stopped before cut-over and the target was not changed. Fix the SQL file or the query.");
            }
        }
    }
}
