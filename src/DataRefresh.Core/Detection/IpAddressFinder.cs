using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DataRefresh.Core.Detection;

/// <summary>
/// IPv4 addresses (four decimal octets, no leading zeros, so version strings such as 1.2.3 or 10.0.19041.1 are not
/// addresses) and IPv6 addresses, both confirmed by <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>,
/// with an optional CIDR prefix length as PostgreSQL writes <c>inet</c> values (<c>10.1.0.1/32</c>).
/// </summary>
public sealed partial class IpAddressFinder : SensitiveFinder
{
    public override SensitiveKind Kind => SensitiveKind.IpAddress;

    public override string Description => "IP addresses";

    public override void FindIn(ReadOnlySpan<char> text, List<SensitiveSpan> found)
    {
        Scan(V4Pattern(), "ipv4", text, found, candidate => Whole(candidate, IsIPv4(candidate)));
        Scan(V6Pattern(), "ipv6", text, found, candidate => Whole(candidate, IsIPv6(candidate)));
    }

    private static bool IsIPv4(ReadOnlySpan<char> candidate)
    {
        if (!TrimPrefixLength(ref candidate, 32))
        {
            return false;
        }

        foreach (var range in candidate.Split('.'))
        {
            var octet = candidate[range];
            if ((octet.Length > 1 && octet[0] == '0') || int.Parse(octet, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetwork;
    }

    private static bool IsIPv6(ReadOnlySpan<char> candidate) =>
        TrimPrefixLength(ref candidate, 128)

        // A decimal digit is required so words made of hex letters around "::" (Bad::Cafe in C++ text) are not addresses.
        && candidate.IndexOfAnyInRange('0', '9') >= 0
        && candidate.Count(':') >= 2
        && IPAddress.TryParse(candidate, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Drops a "/n" suffix when n is a valid prefix length; false when the suffix is not one.</summary>
    private static bool TrimPrefixLength(ref ReadOnlySpan<char> candidate, int maximum)
    {
        var slash = candidate.IndexOf('/');
        if (slash < 0)
        {
            return true;
        }

        var valid = int.TryParse(candidate[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length) && length <= maximum;
        candidate = candidate[..slash];
        return valid;
    }

    [GeneratedRegex(@"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,3})?(?![\w/]|\.\d)", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex V4Pattern();

    [GeneratedRegex(
        @"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:/\d{1,3})?(?![\w:/]|\.\w)",
        PatternOptions,
        MatchTimeoutMilliseconds)]
    private static partial Regex V6Pattern();
}
