namespace DataRefresh.Core.Configuration;

/// <summary>One named database environment from <c>DataRefresh:Environments</c>.</summary>
public sealed record EnvironmentSettings(string Name, ProviderKind Provider, string ConnectionString, bool Production)
{
    // The connection string can hold a password: keep it out of every generated ToString.
    public override string ToString() => $"{Name} ({Provider}{(Production ? ", production" : "")})";
}
