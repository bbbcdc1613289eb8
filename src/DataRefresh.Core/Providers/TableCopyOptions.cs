using DataRefresh.Core.Masking;

namespace DataRefresh.Core.Providers;

/// <summary>How a table is streamed: rows per batch (bounds memory) and the key the maskers use.</summary>
public sealed record TableCopyOptions(int BatchSize, MaskingKey MaskingKey);
