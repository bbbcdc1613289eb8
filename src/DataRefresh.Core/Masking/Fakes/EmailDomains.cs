using System.Text.RegularExpressions;

namespace DataRefresh.Core.Masking.Fakes;

/// <summary>
/// Where fake e-mail addresses point. By default the domains reserved for examples (RFC 2606: example.com, example.net,
/// example.org), so a staging system that sends mail never reaches a stranger's mailbox. A rule may set its own domain
/// (<c>emailDomain: mail.test</c>) or ask for real free-mail providers' domains (<c>emailDomain: free-mail</c>).
/// </summary>
public static partial class EmailDomains
{
    /// <summary>The <c>emailDomain</c> value that asks for Bogus' real free-mail providers (gmail.com, yahoo.com, …).</summary>
    public const string FreeMail = "free-mail";

    /// <summary>The faker paths that make e-mail addresses, the ones <c>emailDomain</c> applies to.</summary>
    public static IReadOnlyList<string> Fakers { get; } = ["internet.email", "internet.exampleEmail"];

    public static bool IsEmailFaker(string path) => Fakers.Contains(path, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="domain"/> cannot be an <c>emailDomain</c>, or null.</summary>
    public static string? Check(string domain) =>
        domain == FreeMail || HostName().IsMatch(domain)
            ? null
            : $"'emailDomain' must be a domain name such as mail.test, or {FreeMail} for real free-mail providers' domains; '{domain}' is neither.";

    /// <summary>The domain part of the e-mail templates (<see cref="FakeTemplate"/> notation).</summary>
    internal static string Template(string? domain) => domain switch
    {
        null => "#{Internet.example_email}",
        FreeMail => "#{Internet.free_email}",
        _ => domain.ToLowerInvariant(),
    };

    // Letters, digits and inner hyphens per label, at least two labels; no '#', '!' or '?', which templates would fill.
    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex HostName();
}
