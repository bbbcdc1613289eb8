using System.Text;

namespace DataRefresh.Core.Detection;

/// <summary>
/// Kinds as rule files and scan output write them: kebab-case (<c>national-id</c>, <c>ip</c>). Rule files name only the
/// kinds that can be found inside text (<c>redact-text</c>'s <c>find:</c> list).
/// </summary>
public static class SensitiveKindNames
{
    private static readonly Dictionary<SensitiveKind, string> Names = Enum.GetValues<SensitiveKind>().ToDictionary(kind => kind, Kebab);

    private static readonly Dictionary<string, SensitiveKind> Findable = TextFinder.FindableKinds.ToDictionary(kind => Names[kind], StringComparer.Ordinal);

    /// <summary>The names accepted in a <c>find:</c> list, in the order finders win overlaps.</summary>
    public static IReadOnlyList<string> FindableNames { get; } = [.. TextFinder.All.Select(finder => Names[finder.Kind])];

    public static string NameOf(SensitiveKind kind) => Names[kind];

    /// <summary>
    /// The kinds a <c>find:</c> list names, every findable kind when the list is null or empty; null with
    /// <paramref name="error"/> set ("unknown kind 'emial' (did you mean 'email'?); known: …") when a name is unknown.
    /// </summary>
    public static IReadOnlySet<SensitiveKind>? ParseFindable(IReadOnlyList<string>? names, out string? error)
    {
        error = null;
        if (names is null || names.Count == 0)
        {
            return TextFinder.FindableKinds;
        }

        var kinds = new HashSet<SensitiveKind>();
        foreach (var name in names)
        {
            if (!Findable.TryGetValue(name, out var kind))
            {
                error = $"unknown kind '{name}'{Errors.DidYouMean.Hint(name, FindableNames)}; known: {string.Join(", ", FindableNames)}.";
                return null;
            }

            kinds.Add(kind);
        }

        return kinds;
    }

    private static string Kebab(SensitiveKind kind)
    {
        if (kind == SensitiveKind.IpAddress)
        {
            return "ip";
        }

        var text = new StringBuilder();
        foreach (var character in kind.ToString())
        {
            if (char.IsUpper(character) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(character));
        }

        return text.ToString();
    }
}
