using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DataRefresh.Providers.PostgreSql.Target;

/// <summary>
/// The names of the databases a run makes next to its target: <c>&lt;target&gt;__refresh_&lt;run&gt;</c> while loading,
/// <c>&lt;target&gt;__retired_&lt;run&gt;</c> for the old copy between the swap and its drop, <c>&lt;target&gt;__previous</c>
/// when the job keeps it. A run that is killed leaves the first two behind; <see cref="IsLeftoverOf"/> recognises exactly
/// those, never a database that merely looks similar.
/// </summary>
internal static partial class SideDatabaseNames
{
    private const int MaxIdentifierBytes = 63;
    private const string RefreshInfix = "__refresh_";
    private const string RetiredInfix = "__retired_";

    public static string Refresh(string target, string runId) => NameBeside(target, RefreshInfix + runId);

    public static string Retired(string target, string runId) => NameBeside(target, RetiredInfix + runId);

    public static string Previous(string target) => NameBeside(target, "__previous");

    /// <summary>
    /// Side databases are named after the target, cut so the whole name fits PostgreSQL's 63 bytes. A cut name carries 8
    /// hex digits of the full name's SHA-256, so two long targets that differ only past the cut never share side names,
    /// and one's run never takes the other's side database for a leftover.
    /// </summary>
    public static string NameBeside(string target, string suffix)
    {
        if (Encoding.UTF8.GetByteCount(target + suffix) <= MaxIdentifierBytes)
        {
            return target + suffix;
        }

        var digest = "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target)))[..8];
        var prefix = target;
        while (Encoding.UTF8.GetByteCount(prefix + digest + suffix) > MaxIdentifierBytes)
        {
            prefix = prefix[..^1];
        }

        return prefix + digest + suffix;
    }

    /// <summary>
    /// Whether <paramref name="database"/> is a refresh or retired database that a run of <paramref name="target"/> names:
    /// the target's (possibly cut) name, the infix, and a run id as RefreshRunner makes them (UTC yyyyMMddHHmmss and four
    /// hex digits).
    /// </summary>
    public static bool IsLeftoverOf(string target, string database)
    {
        foreach (var infix in new[] { RefreshInfix, RetiredInfix })
        {
            // Run ids are ASCII and of fixed length, so any run id cuts the target the same way.
            var prefix = NameBeside(target, infix + new string('0', RunIdLength))[..^RunIdLength];
            if (database.StartsWith(prefix, StringComparison.Ordinal) && RunId().IsMatch(database[prefix.Length..]))
            {
                return true;
            }
        }

        return false;
    }

    private const int RunIdLength = 18;

    [GeneratedRegex("^[0-9]{14}[0-9a-f]{4}$")]
    private static partial Regex RunId();
}
