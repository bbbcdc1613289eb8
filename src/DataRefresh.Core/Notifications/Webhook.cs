namespace DataRefresh.Core.Notifications;

/// <summary>
/// One configured webhook (<c>DataRefresh:Notifications:Webhooks:&lt;n&gt;</c>): where to post, on which events, for which
/// jobs (none: every job), and in which body. <see cref="Name"/> is what logs call it — its position and host, never its
/// address, since a chat webhook's address is its secret.
/// </summary>
public sealed record Webhook(string Name, Uri Url, IReadOnlySet<string> On, IReadOnlyList<string> Jobs, WebhookFormat Format)
{
    public bool Wants(string? job, string @event) => On.Contains(@event) && (Jobs.Count == 0 || (job is not null && Jobs.Contains(job, StringComparer.Ordinal)));
}

/// <summary>A webhook's body: DataRefresh's own JSON, or <c>{"text": …}</c>, which Slack and Microsoft Teams incoming webhooks read.</summary>
public enum WebhookFormat
{
    Json,
    Slack,
}
