using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Reporting;

/// <summary>One table of the live schema: which rows go (<paramref name="Rows"/>), where its rules are, and every column.</summary>
public sealed record TableReport(QualifiedName Name, string Rows, SourceLocation? Location, IReadOnlyList<ColumnReport> Columns);
