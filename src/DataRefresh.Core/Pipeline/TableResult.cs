using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Pipeline;

/// <summary>What one table's copy did: rows written, how they travelled, and how long it took.</summary>
public sealed record TableResult(QualifiedName Table, long Rows, TableMode Mode, TimeSpan Duration);
