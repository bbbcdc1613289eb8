using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// One entry of a job's <c>after:</c> list: a SQL file run on the side database after the load and before cut-over, in one
/// transaction, then its <paramref name="Expect"/> queries, each of which must return no rows. <paramref name="Sql"/> is
/// the file's text read when the job was loaded, and <paramref name="Sha256"/> the hash of those bytes, for the audit.
/// </summary>
public sealed record AfterStep(string SqlFile, SourceLocation Location, string Sql, string Sha256, IReadOnlyList<ExpectQuery> Expect);
