using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Accounts;

/// <summary>
/// What a console user may do. A DBA sees every run and request, triggers jobs and rolls targets back; a reviewer reviews
/// and approves rule versions; a developer requests snapshots and follows their own. A person may hold several.
/// </summary>
public static class ConsoleRoles
{
    public const string Dba = "dba";

    public const string Developer = "developer";

    public const string Reviewer = "reviewer";

    public static IReadOnlyList<string> All { get; } = [Dba, Developer, Reviewer];

    /// <summary>The roles as given, checked and in a stable order; an unknown role is exit 2 naming the known ones.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> roles, string where)
    {
        var given = roles.Select(role => role.Trim().ToLowerInvariant()).Where(role => role.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (given.Count == 0)
        {
            throw new DataRefreshException(ExitCodes.Usage, $"{where}: an account needs at least one role ({string.Join(", ", All)}).");
        }

        if (given.FirstOrDefault(role => !All.Contains(role, StringComparer.Ordinal)) is { } unknown)
        {
            throw new DataRefreshException(ExitCodes.Usage, $"{where}: '{unknown}' is not a console role; the roles are {string.Join(", ", All)}.");
        }

        return [.. All.Where(given.Contains)];
    }
}
