using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// What a run had from its provider's <see cref="ProviderCapabilities"/>: how many readers shared the source's one
/// point in time, whether the source's tables were held against schema changes, and how the cut-over works and recovers;
/// the source snapshot's <paramref name="Consistency"/> sentence where its provider has several, and why a provider of the
/// run was <paramref name="Unverified"/>.
/// </summary>
public sealed record RunGuarantees(int ConsistentReaders, bool TablesHeld, CutOverKind CutOver, string CutOverRecovery, string? Consistency = null, string? Unverified = null);
