using DataRefresh.Core.Masking.Rows;

namespace DataRefresh.Core.Providers;

/// <summary>How a table is streamed: rows per batch (bounds memory) and the run's masking session.</summary>
public sealed record TableCopyOptions(int BatchSize, MaskingSession Masking);
