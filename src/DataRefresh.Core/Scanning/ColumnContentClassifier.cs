using System.Globalization;
using System.Text.RegularExpressions;
using DataRefresh.Core.Detection;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// Judges a column by a sample of its values: the share of values that are, as a whole, an item a detector recognises
/// (e-mail, card, …, or a person's name from Bogus' lists), and, for free text, the share of values that contain at
/// least one. Only text values are read (other types carry no detectable items); the evidence holds rates and counts only.
/// </summary>
public static class ColumnContentClassifier
{
    /// <summary>Whole values: a column where at least this share are cards is a card column, whatever its name.</summary>
    public const double WholeValueThreshold = 0.30;

    /// <summary>Names are common words too (Rose, Grant, Page), so a name column needs a majority.</summary>
    public const double PersonNameThreshold = 0.50;

    /// <summary>Free text: even a few notes with an e-mail address in them make the column worth redacting.</summary>
    public const double ContainedThreshold = 0.05;

    public static ContentMatch? Classify(IEnumerable<object?> values)
    {
        var texts = values.OfType<string>().Where(text => text.Length > 0).ToList();
        if (texts.Count == 0)
        {
            return null;
        }

        return Whole(texts) ?? Names(texts) ?? Contained(texts);
    }

    private static ContentMatch? Whole(List<string> texts)
    {
        var best = (Finder: (SensitiveFinder?)null, Hits: 0);
        foreach (var finder in TextFinder.All)
        {
            var hits = texts.Count(text => Safely(() => finder.IsWholeValue(text)));
            if (hits > best.Hits)
            {
                best = (finder, hits);
            }
        }

        if (best.Finder is not { } winner || Share(best.Hits, texts.Count) < WholeValueThreshold)
        {
            return null;
        }

        return new ContentMatch(
            winner.Kind,
            Classify(winner.Kind),
            $"content: {Rate(best.Hits, texts.Count)} sampled values are {winner.Description}",
            IsFreeText: false,
            new HashSet<SensitiveKind> { winner.Kind });
    }

    private static ContentMatch? Names(List<string> texts)
    {
        var names = texts.Count(text => PersonNames.IsPersonName(text));
        if (Share(names, texts.Count) < PersonNameThreshold)
        {
            return null;
        }

        // Single words tell first from last names when one list explains clearly more of them.
        var first = texts.Count(text => PersonNames.IsFirstName(text.Trim()));
        var last = texts.Count(text => PersonNames.IsLastName(text.Trim()));
        var kind = first >= names * 0.8 && first > last * 1.2 ? SensitiveKind.FirstName
            : last >= names * 0.8 && last > first * 1.2 ? SensitiveKind.LastName
            : SensitiveKind.PersonName;
        var what = kind switch
        {
            SensitiveKind.FirstName => "first names",
            SensitiveKind.LastName => "last names",
            _ => "person names",
        };
        return new ContentMatch(
            kind,
            DataClassification.Pii,
            $"content: {Rate(names, texts.Count)} sampled values are {what} from Bogus' name lists",
            IsFreeText: false,
            new HashSet<SensitiveKind> { kind });
    }

    private static ContentMatch? Contained(List<string> texts)
    {
        var valuesWith = new Dictionary<SensitiveKind, int>();
        var containing = 0;
        var spans = new List<SensitiveSpan>();
        foreach (var text in texts)
        {
            if (!Safely(() =>
            {
                TextFinder.Find(text, null, spans);
                return true;
            }) || spans.Count == 0)
            {
                continue;
            }

            containing++;
            foreach (var kind in spans.Select(span => span.Kind).Distinct())
            {
                valuesWith[kind] = valuesWith.GetValueOrDefault(kind) + 1;
            }
        }

        if (Share(containing, texts.Count) < ContainedThreshold)
        {
            return null;
        }

        var ranked = valuesWith.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).ToList();
        var kinds = string.Join(", ", ranked.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{TextFinder.For(pair.Key).Description} ({pair.Value})")));
        return new ContentMatch(
            ranked[0].Key,
            ranked.Any(pair => pair.Key is SensitiveKind.Card) ? DataClassification.Pci : DataClassification.Pii,
            $"content: {Rate(containing, texts.Count)} sampled values contain {kinds}",
            IsFreeText: true,
            ranked.Select(pair => pair.Key).ToHashSet());
    }

    private static DataClassification Classify(SensitiveKind kind) => kind is SensitiveKind.Card or SensitiveKind.Iban ? DataClassification.Pci : DataClassification.Pii;

    /// <summary>A value too hostile to scan in time counts as no hit; the exception, which holds the value, goes no further.</summary>
    private static bool Safely(Func<bool> detect)
    {
        try
        {
            return detect();
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static double Share(int hits, int total) => (double)hits / total;

    /// <summary>"96% (480 of 500)": rounded down, so a column is never shown as 100% unless every value hit.</summary>
    private static string Rate(int hits, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(100.0 * hits / total):0}% ({hits} of {total})");
}
