using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Providers;

/// <summary>The providers this build knows, looked up by the <c>Provider</c> setting of an environment.</summary>
public sealed class ProviderRegistry(IEnumerable<IRefreshProvider> providers)
{
    private readonly Dictionary<ProviderKind, IRefreshProvider> byKind = providers.ToDictionary(provider => provider.Kind);

    /// <summary>Whether any provider takes the failure for transient (a retry may succeed).</summary>
    public bool IsTransient(Exception exception) => byKind.Values.Any(provider => provider.IsTransient(exception));

    /// <summary>
    /// The exit code and the one sentence any failure is reported and recorded with: ours as thrown, a cancellation, a
    /// driver's error as its provider explains it. Anything else is named by type and place only, never by its message:
    /// a message we did not write may quote a row value.
    /// </summary>
    public DataRefreshException Explain(Exception exception)
    {
        var explained = exception switch
        {
            DataRefreshException known => known,
            OperationCanceledException => new DataRefreshException(ExitCodes.Cancelled, "Cancelled; the target was not changed."),
            _ => byKind.Values.Select(provider => provider.Explain(exception)).FirstOrDefault(explanation => explanation is not null),
        };

        if (explained is null)
        {
            var where = exception.TargetSite is { } site ? $" in {site.DeclaringType?.Name}.{site.Name}" : "";
            return new DataRefreshException(ExitCodes.InternalError, $"unexpected {exception.GetType().Name}{where}; this is a bug, please report it. The target was not changed.");
        }

        return explained;
    }

    /// <summary>
    /// The schema bare table names of rule files are in for a source of this kind, or null when no provider of that kind
    /// is built in (the environment's own check reports that).
    /// </summary>
    public string? DefaultSchemaOf(ProviderKind kind) => byKind.TryGetValue(kind, out var provider) ? provider.DefaultSchema : null;

    public IRefreshProvider Get(EnvironmentSettings environment) =>
        byKind.TryGetValue(environment.Provider, out var provider)
            ? provider
            : throw new DataRefreshException(
                ExitCodes.Configuration,
                $"Environment '{environment.Name}' uses provider {environment.Provider}, which this version cannot refresh yet; " +
                $"supported: {string.Join(", ", byKind.Keys)}.");
}
