namespace DataRefresh.Core.Providers;

/// <summary>
/// What a provider can promise, declared instead of described, so the run honours it and the audit states it.
/// <paramref name="ConsistentReaders"/>: how many readers can share the snapshot's one point in time (the run never
/// reads a table with more in parallel). <paramref name="HoldsTables"/>: whether the source's tables can be held against
/// schema changes for the run. <paramref name="CutOver"/>: atomic or sequential; <paramref name="CutOverRecovery"/> says
/// in a sentence what a kill during it leaves and who repairs it. <paramref name="Unverified"/> says, while it is so, why the
/// provider is not proven yet (its conformance suite has not passed against a real server): plan prints it, the audit keeps it.
/// </summary>
public sealed record ProviderCapabilities(
    int ConsistentReaders, bool HoldsTables, CutOverKind CutOver, string CutOverRecovery, string? Unverified = null);
