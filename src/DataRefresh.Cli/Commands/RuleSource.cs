using DataRefresh.Core.Configuration;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Reporting;
using DataRefresh.Core.Rules;

namespace DataRefresh.Cli.Commands;

/// <summary>The rules a command checks or describes, and the environment whose live schema they are matched against.</summary>
internal sealed record RuleSource(RuleSet Rules, EnvironmentSettings Environment)
{
    /// <summary>
    /// Matches the rules against the environment's schema inside a read-only catalog (exactly what a run checks before it
    /// starts) and describes the result. Only the catalog is read, never a row.
    /// </summary>
    public async Task<RuleReport> CheckAsync(CommandServices services, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var provider = services.Providers.Get(Environment);
        await using var catalog = await provider.OpenCatalogAsync(Environment, cancellationToken);
        var plan = await RefreshPlanning.CheckAsync(catalog, Rules, cancellationToken);
        return RuleReportBuilder.Build(plan, Rules, Environment.Name, provider.DescribeConnection(Environment.ConnectionString), time.GetUtcNow());
    }
}
