using Bogus.Bson;

namespace DataRefresh.Core.Detection;

/// <summary>
/// First and last names from Bogus' own lists in every locale it ships, for recognising columns of names. Built once on
/// first use (a few tens of thousands of names), case-insensitive. Names are whole-value evidence only: in free text too
/// many ordinary words (May, Will, Grant, Rose) are also names.
/// </summary>
public static class PersonNames
{
    private static readonly Lazy<(HashSet<string> First, HashSet<string> Last)> Lists = new(Load);

    public static bool IsFirstName(ReadOnlySpan<char> name) => Contains(Lists.Value.First, name);

    public static bool IsLastName(ReadOnlySpan<char> name) => Contains(Lists.Value.Last, name);

    /// <summary>
    /// Whether a value reads as a person's name: one to four words, each a known first or last name or an initial
    /// ("J."), at least one of them a known name.
    /// </summary>
    public static bool IsPersonName(ReadOnlySpan<char> value)
    {
        Span<Range> words = stackalloc Range[5];
        var trimmed = value.Trim();
        var count = trimmed.Split(words, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count is 0 or > 4)
        {
            return false;
        }

        var known = 0;
        foreach (var range in words[..count])
        {
            var word = trimmed[range].TrimEnd(',');
            if (word.Length <= 2 && word.TrimEnd('.').Length == 1 && char.IsLetter(word[0]))
            {
                continue;
            }

            if (!IsFirstName(word) && !IsLastName(word))
            {
                return false;
            }

            known++;
        }

        return known > 0;
    }

    private static bool Contains(HashSet<string> names, ReadOnlySpan<char> name) =>
        names.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    private static (HashSet<string> First, HashSet<string> Last) Load()
    {
        var first = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var last = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var locale in Bogus.Database.GetAllLocales())
        {
            Add(first, locale, "first_name", "male_first_name", "female_first_name");
            Add(last, locale, "last_name", "male_last_name", "female_last_name");
        }

        return (first, last);
    }

    private static void Add(HashSet<string> names, string locale, params string[] paths)
    {
        foreach (var path in paths)
        {
            // No fallback locale: English is loaded in its own turn, and a fallback would only add it again.
            if (Bogus.Database.HasKey("name", path, locale, locale) && Bogus.Database.Get("name", path, locale, locale) is BArray list)
            {
                for (var index = 0; index < list.Count; index++)
                {
                    if (list[index].StringValue is { Length: > 1 } name && !name.Contains('#', StringComparison.Ordinal))
                    {
                        names.Add(name.Trim());
                    }
                }
            }
        }
    }
}
