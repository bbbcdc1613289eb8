using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// Keeps production out of reach of writes. A target marked production is refused before any connection; so is a target
/// whose connection string leads to the same place as a production environment's (after normalising hosts, ports and
/// names); and, once connected, a target whose server and database identity equal the source's.
/// </summary>
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

    /// <summary>Compares the target's address with every production environment of the same provider, without connecting.</summary>
    public static async Task EnsureNotProductionAddressAsync(
        EnvironmentSettings target, IEnumerable<EnvironmentSettings> production, IRefreshProvider provider, JobDefinition job, CancellationToken cancellationToken = default)
    {
        if (await FindAtSameAddressAsync(target, production, provider, cancellationToken) is { } environment)
        {
            throw SameAsProduction(target, environment, job, "its connection string leads to the same server and database");
        }
    }

    /// <summary>The first of <paramref name="environments"/> (of the target's provider) that <paramref name="target"/>'s address leads to, or null.</summary>
    public static async Task<EnvironmentSettings?> FindAtSameAddressAsync(
        EnvironmentSettings target, IEnumerable<EnvironmentSettings> environments, IRefreshProvider provider, CancellationToken cancellationToken = default)
    {
        var targetAddress = provider.ParseAddress(target);
        foreach (var environment in environments.Where(environment => environment.Provider == target.Provider))
        {
            if (await targetAddress.IsSamePlaceAsync(provider.ParseAddress(environment), cancellationToken))
            {
                return environment;
            }
        }

        return null;
    }

    /// <summary>Compares identities read from the servers: catches aliases, port forwards and sockets the addresses cannot.</summary>
    public static void EnsureNotSameDatabase(EnvironmentSettings target, DatabaseIdentity? targetIdentity, EnvironmentSettings source, DatabaseIdentity? sourceIdentity, JobDefinition job)
    {
        if (targetIdentity is null || targetIdentity != sourceIdentity)
        {
            return;
        }

        var why = $"the server reports the same identity ({targetIdentity})";
        throw source.Production
            ? SameAsProduction(target, source, job, why)
            : new DataRefreshException(
                ExitCodes.ProductionGuard,
                $"{job.TargetAt}: target '{target.Name}' is the source '{source.Name}' itself ({why}); a refresh would replace " +
                "the data it reads. Point the target at another database.");
    }

    private static DataRefreshException SameAsProduction(EnvironmentSettings target, EnvironmentSettings production, JobDefinition job, string why) =>
        new(
            ExitCodes.ProductionGuard,
            $"{job.TargetAt}: refusing to write to environment '{target.Name}': {why} as production environment '{production.Name}'; " +
            "production can only be a source. Point the target at a non-production database.");
}
