using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Core.Notifications;

/// <summary>
/// <c>DataRefresh:Notifications</c>: the webhooks runs post to, and the console's public address their links point at
/// (<c>ConsoleUrl</c>; without it a notice carries no link). Every key is checked once, and a wrong one is refused by name.
/// </summary>
public sealed record NotificationSettings(IReadOnlyList<Webhook> Webhooks, Uri? ConsoleUrl)
{
    public const string Section = "DataRefresh:Notifications";

    public static readonly NotificationSettings None = new([], null);

    private static readonly string[] Known = ["Webhooks", "ConsoleUrl"];
    private static readonly string[] KnownHook = ["Url", "On", "Jobs", "Format"];

    /// <summary>Events a webhook hears when it does not say: the ones someone must act on.</summary>
    private static readonly string[] DefaultEvents = [WebhookEvents.Failure, WebhookEvents.VerificationFailure, WebhookEvents.Drift];

    public static NotificationSettings Load(IConfiguration configuration, string origin)
    {
        var section = configuration.GetSection(Section);
        UnknownSettings.Refuse(section, Known, origin);
        var consoleUrl = section["ConsoleUrl"] is { } text ? Address(text, $"{Section}:ConsoleUrl", origin) : null;
        var hooks = section.GetSection("Webhooks").GetChildren().Select((hook, index) => Read(hook, index, origin)).ToList();
        return new NotificationSettings(hooks, consoleUrl);
    }

    private static Webhook Read(IConfigurationSection hook, int index, string origin)
    {
        UnknownSettings.Refuse(hook, KnownHook, origin);
        var url = hook["Url"] is { } text
            ? Address(text, $"{hook.Path}:Url", origin)
            : throw new DataRefreshException(ExitCodes.Configuration, $"{hook.Path} in {origin} has no Url; give the address to post to.");
        var on = Values(hook.GetSection("On"));
        if (on.FirstOrDefault(@event => !WebhookEvents.All.Contains(@event)) is { } unknown)
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{hook.Path}:On in {origin} names '{unknown}', which is not an event; use {string.Join(", ", WebhookEvents.All)}.");
        }

        var format = hook["Format"] switch
        {
            null or "json" => WebhookFormat.Json,
            "slack" or "teams" => WebhookFormat.Slack,
            var other => throw new DataRefreshException(ExitCodes.Configuration, $"{hook.Path}:Format in {origin} is '{other}'; use json, or slack (also read by Teams)."),
        };
        return new Webhook($"webhook {index} ({url.Host})", url, (on.Count > 0 ? on : (IEnumerable<string>)DefaultEvents).ToHashSet(StringComparer.Ordinal), Values(hook.GetSection("Jobs")), format);
    }

    /// <summary>A list written as an array, or as one value (<c>"On": "failure"</c>).</summary>
    private static List<string> Values(IConfigurationSection section) =>
        section.Value is { } single ? [single] : [.. section.GetChildren().Select(child => child.Value).OfType<string>()];

    // The address itself is never repeated: a chat webhook's address is its secret.
    private static Uri Address(string text, string key, string origin) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new DataRefreshException(ExitCodes.Configuration, $"{key} in {origin} is not an http:// or https:// address.");
}
