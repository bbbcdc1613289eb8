namespace DataRefresh.Core.Pipeline;

/// <summary>
/// How one after step ended: the SQL file and its hash, how long it ran, and per expect query (by its job-file location)
/// how many rows it returned. <paramref name="Error"/> is the sanitized sentence when the file or a query failed.
/// </summary>
public sealed record AfterStepResult(string SqlFile, string Sha256, TimeSpan Duration, IReadOnlyList<ExpectResult> Expectations, string? Error)
{
    public bool Passed => Error is null && Expectations.All(expect => expect.Rows == 0);
}
