using System.Text;
using Bogus.Bson;

namespace DataRefresh.Core.Masking.Fakes;

/// <summary>
/// A fake composed from Bogus' locale data with keyed choices instead of Bogus' locked randomizer. Written in the
/// notation of Bogus' own data files: <c>#{Name.first_name}</c> picks from another dataset, <c>#{street_suffix}</c> from
/// the same one, <c>#{0..99}</c> is a number. Picked entries are expanded in turn (<c>address.city</c> holds
/// templates), and entries of pattern lists (<see cref="PatternLists"/>) get their <c>#</c> <c>!</c> <c>?</c> filled.
/// Immutable once built, so workers share it.
/// </summary>
public sealed class FakeTemplate : IComposedFake
{
    // Lists whose entries are digit/letter patterns, as Bogus fills them with Randomizer.Replace.
    private static readonly HashSet<string> PatternLists =
        ["address.building_number", "address.postcode", "address.secondary_address", "phone_number.formats"];

    private readonly Part[][] alternatives;

    private FakeTemplate(Part[][] alternatives) => this.alternatives = alternatives;

    /// <summary>Builds the template for a locale, or null when the locale's data (with Bogus' English fallback) lacks a list it uses.</summary>
    public static FakeTemplate? Build(string locale, params string[] alternatives)
    {
        var lists = new Dictionary<string, Part[][]?>(StringComparer.Ordinal);
        var parsed = alternatives.Select(text => Parse(text, category: "", locale, lists)).ToArray();
        return parsed.Any(parts => parts is null) ? null : new FakeTemplate(parsed!);
    }

    public void Compose(ref KeyedDraws draws, StringBuilder output)
    {
        var parts = alternatives.Length == 1 ? alternatives[0] : alternatives[draws.Below(alternatives.Length)];
        foreach (var part in parts)
        {
            part.Compose(ref draws, output);
        }
    }

    private static Part[]? Parse(string text, string category, string locale, Dictionary<string, Part[][]?> lists)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var index = 0; index < text.Length; index++)
        {
            var end = string.CompareOrdinal(text, index, "#{", 0, 2) == 0 ? text.IndexOf('}', index) : -1;
            if (end < 0)
            {
                literal.Append(text[index]);
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add(new Literal(literal.ToString()));
                literal.Clear();
            }

            var token = text[(index + 2)..end];
            index = end;
            var range = token.Split("..");
            if (range.Length == 2 && int.TryParse(range[0], out var low) && int.TryParse(range[1], out var high))
            {
                parts.Add(new Number(low, high));
                continue;
            }

            // "Name.first_name" names another dataset; "street_suffix" or "title.job" is in the current one.
            var dot = token.IndexOf('.', StringComparison.Ordinal);
            var qualified = dot > 0 && char.IsUpper(token[0]);
            var listCategory = qualified ? char.ToLowerInvariant(token[0]) + token[1..dot] : category;
            var listPath = qualified ? token[(dot + 1)..] : token;
            if (Pick(listCategory, listPath, locale, lists) is not { } pick)
            {
                return null;
            }

            parts.Add(pick);
        }

        if (literal.Length > 0)
        {
            parts.Add(new Literal(literal.ToString()));
        }

        return [.. parts];
    }

    private static Choice? Pick(string category, string path, string locale, Dictionary<string, Part[][]?> lists)
    {
        var name = $"{category}.{path}";
        if (!lists.TryGetValue(name, out var entries))
        {
            lists[name] = null; // guards against a list that refers to itself
            entries = Load(category, path, locale, lists);
            lists[name] = entries;
        }

        return entries is null ? null : new Choice(entries, PatternLists.Contains(name));
    }

    private static Part[][]? Load(string category, string path, string locale, Dictionary<string, Part[][]?> lists)
    {
        if (!Bogus.Database.HasKey(category, path, locale, FakerCatalog.DefaultLocale)
            || Bogus.Database.Get(category, path, locale, FakerCatalog.DefaultLocale) is not BArray { Count: > 0 } array)
        {
            return null;
        }

        var entries = new Part[array.Count][];
        for (var index = 0; index < array.Count; index++)
        {
            if (array[index].StringValue is not { } text || Parse(text, category, locale, lists) is not { } parts)
            {
                return null;
            }

            entries[index] = parts;
        }

        return entries;
    }

    private abstract class Part
    {
        public abstract void Compose(ref KeyedDraws draws, StringBuilder output);
    }

    private sealed class Literal(string text) : Part
    {
        public override void Compose(ref KeyedDraws draws, StringBuilder output) => output.Append(text);
    }

    private sealed class Number(int low, int high) : Part
    {
        public override void Compose(ref KeyedDraws draws, StringBuilder output) => output.Append(low + draws.Below(high - low + 1));
    }

    private sealed class Choice(Part[][] entries, bool fillPattern) : Part
    {
        public override void Compose(ref KeyedDraws draws, StringBuilder output)
        {
            var start = output.Length;
            foreach (var part in entries[draws.Below(entries.Length)])
            {
                part.Compose(ref draws, output);
            }

            if (fillPattern)
            {
                FillPattern(ref draws, output, start);
            }
        }

        private static void FillPattern(ref KeyedDraws draws, StringBuilder output, int start)
        {
            for (var index = start; index < output.Length; index++)
            {
                output[index] = output[index] switch
                {
                    '#' => (char)('0' + draws.Below(10)),
                    '!' => (char)('2' + draws.Below(8)),
                    '?' => (char)('A' + draws.Below(26)),
                    var other => other,
                };
            }
        }
    }
}
