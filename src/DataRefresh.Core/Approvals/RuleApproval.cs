namespace DataRefresh.Core.Approvals;

/// <summary>
/// A reviewer's sign-off of the rule files that mask an environment (<paramref name="Environment"/>, the jobs' source),
/// as they were when approved: every file's SHA-256 and text. Kept in the history store (never purged) and written to the
/// audit as a record of kind <c>approval</c> under <paramref name="Id"/>.
/// </summary>
public sealed record RuleApproval(string Id, string Environment, RuleVersion Version, string Reviewer, string Comment, DateTimeOffset ApprovedAt)
{
    /// <summary>Comments longer than this are refused: a sign-off says why, it does not hold documents.</summary>
    public const int MaxCommentLength = 2000;
}
