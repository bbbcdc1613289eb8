using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Pipeline;

/// <summary>What one table's copy did: rows written, whether any column was masked, and how long it took.</summary>
public sealed record TableResult(QualifiedName Table, long Rows, bool Masked, TimeSpan Duration);
