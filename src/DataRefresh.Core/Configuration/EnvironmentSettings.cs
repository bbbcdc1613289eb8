namespace DataRefresh.Core.Configuration;

/// <summary>
/// One named database environment from <c>DataRefresh:Environments</c>. <see cref="Consistency"/> is a SQL Server
/// source's consistency mode (Snapshot, DatabaseSnapshot or PerTable), null for the provider's default; other engines refuse it.
/// </summary>
public sealed record EnvironmentSettings(string Name, ProviderKind Provider, string ConnectionString, bool Production)
{
    public string? Consistency { get; init; }

    // The connection string can hold a password: keep it out of every generated ToString.
    public override string ToString() => $"{Name} ({Provider}{(Production ? ", production" : "")})";
}
