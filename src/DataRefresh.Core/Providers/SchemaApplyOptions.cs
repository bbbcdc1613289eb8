namespace DataRefresh.Core.Providers;

/// <summary>How a schema section is applied: with the source's owners and grants or not, and with up to <paramref name="Parallelism"/> sessions (post-data).</summary>
public sealed record SchemaApplyOptions(bool KeepOwnership, int Parallelism);
