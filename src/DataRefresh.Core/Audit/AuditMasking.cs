namespace DataRefresh.Core.Audit;

/// <summary>
/// Which masking made a copy: <paramref name="KeyFingerprint"/> identifies the masking key without revealing it, and
/// <paramref name="CatalogVersion"/> the masks' outputs (<see cref="Masking.MaskCatalog.Version"/>). Two copies with equal
/// pairs were masked alike, so their masked values join.
/// </summary>
public sealed record AuditMasking(string KeyFingerprint, int CatalogVersion);
