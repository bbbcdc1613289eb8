using System.Text.RegularExpressions;

namespace DataRefresh.Core.Detection;

/// <summary>
/// Runs the finders over a text and resolves overlaps, so each character belongs to at most one item: the more specific
/// kind wins (an e-mail address over the phone-like digits in it, an IBAN over a card-like run inside it), then the
/// longer item. Also classifies whole values.
/// </summary>
/// <remarks>
/// Finding may throw <see cref="RegexMatchTimeoutException"/> on pathological text. Its message and <c>Input</c> hold the
/// text: callers must treat it as "could not scan" and never print it.
/// </remarks>
public static class TextFinder
{
    /// <summary>The finders in the order they win overlaps.</summary>
    public static IReadOnlyList<SensitiveFinder> All { get; } =
    [
        new EmailFinder(), new IbanFinder(), new CardFinder(), new NationalIdFinder(), new IpAddressFinder(), new PhoneFinder(),
    ];

    /// <summary>The kinds that can be found inside text.</summary>
    public static IReadOnlySet<SensitiveKind> FindableKinds { get; } = All.Select(finder => finder.Kind).ToHashSet();

    public static SensitiveFinder For(SensitiveKind kind) =>
        All.FirstOrDefault(finder => finder.Kind == kind) ?? throw new ArgumentException($"{kind} cannot be found in text; findable: {string.Join(", ", FindableKinds)}.", nameof(kind));

    /// <summary>The items of the given kinds (all findable kinds when null) in <paramref name="text"/>, non-overlapping, by start.</summary>
    public static IReadOnlyList<SensitiveSpan> Find(ReadOnlySpan<char> text, IReadOnlySet<SensitiveKind>? kinds = null)
    {
        var found = new List<SensitiveSpan>();
        Find(text, kinds, found);
        return found;
    }

    /// <summary>As <see cref="Find(ReadOnlySpan{char}, IReadOnlySet{SensitiveKind}?)"/>, into a list the caller reuses (it is cleared first).</summary>
    public static void Find(ReadOnlySpan<char> text, IReadOnlySet<SensitiveKind>? kinds, List<SensitiveSpan> found)
    {
        found.Clear();
        if (text.IsEmpty)
        {
            return;
        }

        var candidates = new List<SensitiveSpan>();
        var accepted = 0;
        foreach (var finder in All)
        {
            if (kinds is not null && !kinds.Contains(finder.Kind))
            {
                continue;
            }

            candidates.Clear();
            finder.FindIn(text, candidates);
            candidates.Sort((left, right) => right.Length != left.Length ? right.Length.CompareTo(left.Length) : left.Start.CompareTo(right.Start));
            foreach (var candidate in candidates)
            {
                if (!Overlaps(found, accepted, candidate))
                {
                    found.Add(candidate);
                    accepted++;
                }
            }
        }

        found.Sort((left, right) => left.Start.CompareTo(right.Start));
    }

    /// <summary>The findable kind the whole value is (trimmed), or null; person names are not considered here, see <see cref="PersonNames"/>.</summary>
    public static SensitiveKind? ClassifyWhole(ReadOnlySpan<char> value)
    {
        foreach (var finder in All)
        {
            if (finder.IsWholeValue(value))
            {
                return finder.Kind;
            }
        }

        return null;
    }

    private static bool Overlaps(List<SensitiveSpan> accepted, int count, SensitiveSpan candidate)
    {
        for (var index = 0; index < count; index++)
        {
            if (candidate.Start < accepted[index].End && accepted[index].Start < candidate.End)
            {
                return true;
            }
        }

        return false;
    }
}
