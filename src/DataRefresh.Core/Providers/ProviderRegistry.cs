using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Providers;

/// <summary>The providers this build knows, looked up by the <c>Provider</c> setting of an environment.</summary>
public sealed class ProviderRegistry(IEnumerable<IRefreshProvider> providers)
{
    private readonly Dictionary<ProviderKind, IRefreshProvider> byKind = providers.ToDictionary(provider => provider.Kind);

    /// <summary>Whether any provider takes the failure for transient (a retry may succeed).</summary>
    public bool IsTransient(Exception exception) => byKind.Values.Any(provider => provider.IsTransient(exception));

    public IRefreshProvider Get(EnvironmentSettings environment) =>
        byKind.TryGetValue(environment.Provider, out var provider)
            ? provider
            : throw new DataRefreshException(
                ExitCodes.Configuration,
                $"Environment '{environment.Name}' uses provider {environment.Provider}, which this version cannot refresh yet; " +
                $"supported: {string.Join(", ", byKind.Keys)}.");
}
