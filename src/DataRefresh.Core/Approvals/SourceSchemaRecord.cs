using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Approvals;

/// <summary>
/// An environment's schema as run <paramref name="RunId"/> read it at <paramref name="ReadAt"/>: tables, columns, types and
/// keys — names only, never a row. The console matches today's rules against it.
/// </summary>
public sealed record SourceSchemaRecord(string Environment, DateTimeOffset ReadAt, string RunId, DatabaseSchema Schema);
