using System.Globalization;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Verification;

/// <summary>
/// How every engine reports its keys: one check per table and kind (<see cref="Unique"/> or <see cref="ForeignKeys"/>)
/// when all its keys hold, otherwise one per problem — in table, kind and key order, names and counts only.
/// </summary>
public static class KeyChecks
{
    public const string ForeignKeys = "foreign keys";
    public const string Unique = "unique";

    /// <param name="check">A key's problem (its outcome and detail), or null when it holds in the copy.</param>
    public static async Task<IReadOnlyList<VerificationCheck>> ReportAsync(
        IReadOnlyList<KeyDefinition> sourceKeys, Func<KeyDefinition, Task<(CheckOutcome Outcome, string Detail)?>> check)
    {
        var checks = new List<VerificationCheck>();
        foreach (var table in sourceKeys.GroupBy(key => key.Table).OrderBy(group => group.Key.ToString(), StringComparer.Ordinal))
        {
            foreach (var kind in table.GroupBy(key => key.IsForeignKey ? ForeignKeys : Unique).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                var problems = new List<VerificationCheck>();
                foreach (var key in kind.OrderBy(key => key.Name, StringComparer.Ordinal))
                {
                    if (await check(key) is { } problem)
                    {
                        problems.Add(new VerificationCheck(table.Key.ToString(), null, kind.Key, problem.Outcome, problem.Detail));
                    }
                }

                checks.AddRange(problems);
                if (problems.Count == 0)
                {
                    var count = kind.Count();
                    checks.Add(new VerificationCheck(table.Key.ToString(), null, kind.Key, CheckOutcome.Passed,
                        string.Create(CultureInfo.InvariantCulture, $"{count} {(kind.Key == ForeignKeys ? "foreign key" : "key")}{(count == 1 ? "" : "s")} as in the source, all hold")));
                }
            }
        }

        return checks;
    }
}
