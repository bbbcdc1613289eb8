using DataRefresh.Core.Approvals;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Drift;

/// <summary>
/// What would stop a job's next run before data moves, found now: its files and settings, its rules against the source's
/// live catalog (what <c>validate</c> reads, never a row), and the approval <c>requireApprovedRules</c> asks for. Read-only.
/// </summary>
public static class RulesAhead
{
    /// <summary>Each problem as the run would print it (file:line first); empty when tonight's run would pass these checks.</summary>
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(
        JobDefinition job, DataRefreshSettings settings, ProviderRegistry providers, IRuleReviews reviews, CancellationToken cancellationToken = default)
    {
        try
        {
            var context = RefreshContext.Create(job, settings, providers);
            var problems = new List<string>();
            await using (var catalog = await context.SourceProvider.OpenCatalogAsync(context.Source, cancellationToken))
            {
                var plan = await RefreshPlanning.CheckAsync(catalog, context.Rules, cancellationToken);
                problems.AddRange(plan.Findings.Where(finding => finding.Severity == FindingSeverity.Error).Select(finding => finding.ToString()));
            }

            try
            {
                await ApprovalCheck.EnsureApprovedAsync(job, [.. job.RuleFiles.Select(AuditFile.Hash)], reviews, cancellationToken);
            }
            catch (Errors.DataRefreshException refused)
            {
                problems.Add(refused.Message);
            }

            return problems;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An unreachable source or an unreadable rule file stops tonight's run too; explained as the run would, without values.
            return [providers.Explain(exception).Message];
        }
    }
}
