using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Jobs;

/// <summary>A check query of an after step; any row it returns fails the run before cut-over. Its rows are counted, never read.</summary>
public sealed record ExpectQuery(string Sql, SourceLocation Location);
