using System.Security.Cryptography;
using System.Text;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Drift;

/// <summary>
/// What a drift check judged, in one hash: the bytes of the job's rule files and, for a job with
/// <c>requireApprovedRules</c>, the approval in force. Reading it costs a few file reads and one query, so a node can ask
/// at every beat whether the last check still holds, without opening the source.
/// </summary>
public static class DriftCheckBasis
{
    public static async Task<string> OfAsync(JobDefinition job, IRuleReviews reviews, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        // Hashed as a run hashes them for its audit record; a file that cannot be read hashes as missing: the check then
        // reports it, and checks again once it is back.
        foreach (var file in job.RuleFiles.Select(Audit.AuditFile.Hash))
        {
            text.Append(file.Path).Append('\n').Append(file.Sha256 ?? "missing").Append('\n');
        }

        if (job.ApprovalRequiredAt is not null)
        {
            var approvals = await reviews.ReadApprovalsAsync(job.Source, cancellationToken);
            text.Append("approval\n").Append(approvals.Count == 0 ? "none" : approvals[0].Id).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
