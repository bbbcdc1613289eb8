using DataRefresh.Core.Approvals;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Reporting;
using DataRefresh.Core.Rules;
using DataRefresh.Web.Hosting;

namespace DataRefresh.Web.Views;

/// <summary>
/// The Rule review page and <c>/api/rules/&lt;environment&gt;</c> for one environment: the rule files every job reading it
/// uses, as they are on disk now; how they differ from the version last approved; and the coverage of today's rules on
/// the schema the environment's last run read (the console never opens the source), the columns the latest scan flagged
/// first. <see cref="Problem"/> says why
/// the files could not be read or matched.
/// </summary>
public sealed record RuleReviewView(
    IReadOnlyList<string> Environments,
    string? Environment,
    IReadOnlyList<string> Jobs,
    RuleVersion? Current,
    IReadOnlyList<RuleApproval> Approvals,
    IReadOnlyList<RuleFileChange> Changes,
    SourceSchemaRecord? Schema,
    RuleReport? Report,
    string? Problem)
{
    /// <summary>The environment's latest scan, whose flagged columns the coverage lists first; null when none was kept.</summary>
    public ScanRecord? Scan { get; init; }

    public RuleApproval? Approved => Approvals.Count > 0 ? Approvals[0] : null;

    /// <summary>Today's files are exactly the version last approved: what <c>requireApprovedRules</c> lets run.</summary>
    public bool IsApproved => Approved is not null && Current is not null && Changes.All(change => change.Status is "unchanged" or "removed");

    public static async Task<RuleReviewView> LoadAsync(ConsoleContext context, string? environment, CancellationToken cancellationToken)
    {
        var jobs = JobFolderCheck.Check(context.JobsFolder, context.Settings, context.Providers, context.Time)
            .Select(result => result.Job)
            .OfType<JobDefinition>()
            .SelectMany(job => job.Downstream().Prepend(job))
            .Where(job => job.RuleFiles.Count > 0)
            .ToList();
        var environments = jobs.Select(job => job.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        environment ??= environments.FirstOrDefault();
        var reading = jobs.Where(job => job.Source == environment).ToList();
        if (environment is null || reading.Count == 0)
        {
            var problem = environment is null ? $"no job in {context.JobsFolder} names rule files." : $"no job in {context.JobsFolder} reads environment '{environment}'.";
            return new RuleReviewView(environments, environment, [], null, [], [], null, null, problem);
        }

        var approvals = await context.Store.ReadApprovalsAsync(environment, cancellationToken);
        var schema = await context.Store.FindSourceSchemaAsync(environment, cancellationToken);
        var files = reading.SelectMany(job => job.RuleFiles).Distinct(StringComparer.Ordinal).ToList();
        var scan = await context.Store.FindScanAsync(environment, cancellationToken);
        var view = new RuleReviewView(environments, environment, [.. reading.Select(job => job.Name)], null, approvals, [], schema, null, null) { Scan = scan };
        try
        {
            var current = RuleVersion.Read(RuleVersion.ProjectFolderOf(reading[0].File), files);
            view = view with { Current = current, Changes = RuleFileChange.Between(view.Approved?.Version, current) };
            if (schema is not null)
            {
                var defaultSchema = context.Providers.Get(context.Settings.GetEnvironment(environment)).DefaultSchema;
                var rules = RuleFileLoader.Load(files, defaultSchema, reading[0].UnlistedDefault);
                var source = $"the schema run {schema.RunId} read at {schema.ReadAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
                view = view with { Report = RuleReportBuilder.Build(RefreshPlanner.Check(schema.Schema, rules), rules, environment, source, context.Time.GetUtcNow(), scan) };
            }
        }
        catch (Exception exception) when (exception is DataRefreshException or IOException or UnauthorizedAccessException)
        {
            view = view with { Problem = exception.Message };
        }

        return view;
    }
}
