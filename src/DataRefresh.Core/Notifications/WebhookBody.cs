using System.Text.Json;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Drift;

namespace DataRefresh.Core.Notifications;

/// <summary>
/// What a webhook is sent about a run: its id, job, event, outcome, exit code, the run's error sentence (already free of
/// row values, as every error DataRefresh prints) and a link to the run on the console. Never a value, never a secret.
/// </summary>
public static class WebhookBody
{
    public static string For(Webhook hook, string @event, AuditRecord record, Uri? consoleUrl)
    {
        var link = consoleUrl is null ? null : new Uri(consoleUrl, $"runs/{Uri.EscapeDataString(record.RunId)}").ToString();
        var outcome = record.Outcome.ToString().ToLowerInvariant();
        if (hook.Format == WebhookFormat.Slack)
        {
            var what = @event switch
            {
                WebhookEvents.SnapshotReady => $"snapshot of {record.Job} is ready (for {record.Snapshot?.RequestedFor ?? "whoever ran it"}, until {record.Snapshot?.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)",
                WebhookEvents.VerificationFailure => $"job {record.Job} failed verification (exit {record.ExitCode}); the target was not replaced",
                _ => $"job {record.Job} {outcome} (exit {record.ExitCode})",
            };
            var text = $"DataRefresh: {what}.{(record.Error is null ? "" : $" {record.Error}")}{(link is null ? "" : $" {link}")} (run {record.RunId})";
            return JsonSerializer.Serialize(new { text });
        }

        return JsonSerializer.Serialize(new
        {
            @event,
            runId = record.RunId,
            job = record.Job,
            outcome,
            exitCode = record.ExitCode,
            error = record.Error,
            startedAt = record.StartedAt,
            endedAt = record.EndedAt,
            target = record.Target?.Environment,
            snapshotExpiresAt = record.Snapshot?.ExpiresAt,
            link,
        });
    }

    /// <summary>
    /// A drift check's problems: the sentences a run would print (file:line, column names), which carry no values, and
    /// a link to the console's Schedule page, where the check is shown.
    /// </summary>
    public static string ForDrift(Webhook hook, DriftCheck check, Uri? consoleUrl)
    {
        var link = consoleUrl is null ? null : new Uri(consoleUrl, "schedule").ToString();
        if (hook.Format == WebhookFormat.Slack)
        {
            var text = $"DataRefresh: job {check.Job} would stop before copying at its firing at {check.FiringAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC " +
                $"({check.Problems.Count} problem(s)): {string.Join(" ", check.Problems)}{(link is null ? "" : $" {link}")}";
            return JsonSerializer.Serialize(new { text });
        }

        return JsonSerializer.Serialize(new
        {
            @event = WebhookEvents.Drift,
            job = check.Job,
            firingAt = check.FiringAt,
            checkedAt = check.CheckedAt,
            node = check.Node,
            problems = check.Problems,
            link,
        });
    }
}
