using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Pipeline;

/// <summary>Refuses production as a target, before any connection is opened.</summary>
public static class ProductionGuard
{
    public static void EnsureWritable(EnvironmentSettings target, JobDefinition job)
    {
        if (target.Production)
        {
            throw new DataRefreshException(
                ExitCodes.ProductionGuard,
                $"{job.TargetAt}: refusing to write to environment '{target.Name}' because it is marked production: true; " +
                "production can only be a source. Choose a non-production target.");
        }
    }
}
