using System.Text;
using Bogus.Bson;

namespace DataRefresh.Core.Masking.Fakes;

/// <summary>
/// <c>finance.creditCardNumber</c> from Bogus' issuer patterns (<c>5[1-5]##-####-####-###L</c>): a keyed issuer and
/// pattern, digits for <c>#</c>, a digit in range for <c>[a-b]</c>, <c>#{n}</c> and <c>#{n,m}</c> for runs of digits,
/// and <c>L</c> the Luhn check digit, so every number passes the checks applications run on cards.
/// </summary>
public sealed class CardNumberFake : IComposedFake
{
    private readonly string[] patterns;

    private CardNumberFake(string[] patterns) => this.patterns = patterns;

    public static CardNumberFake? Build(string locale)
    {
        if (!Bogus.Database.HasKey("finance", "credit_card", locale, FakerCatalog.DefaultLocale)
            || Bogus.Database.Get("finance", "credit_card", locale, FakerCatalog.DefaultLocale) is not BObject issuers)
        {
            return null;
        }

        // Bogus picks an issuer first, then one of its patterns; flattening keeps issuers with more patterns likelier,
        // which is close enough for masking and keeps one draw.
        var patterns = issuers.Keys
            .Select(issuer => issuers[issuer])
            .OfType<BArray>()
            .SelectMany(list => Enumerable.Range(0, list.Count).Select(index => list[index].StringValue))
            .Where(pattern => !string.IsNullOrEmpty(pattern))
            .ToArray();
        return patterns.Length == 0 ? null : new CardNumberFake(patterns);
    }

    public void Compose(ref KeyedDraws draws, StringBuilder output)
    {
        var pattern = patterns[draws.Below(patterns.Length)];
        var start = output.Length;
        for (var index = 0; index < pattern.Length; index++)
        {
            var symbol = pattern[index];
            if (symbol == '#' && index + 1 < pattern.Length && pattern[index + 1] == '{')
            {
                var close = pattern.IndexOf('}', index);
                var bounds = pattern[(index + 2)..close].Split(',');
                var low = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
                var high = bounds.Length > 1 ? int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) : low;
                AppendDigits(ref draws, output, low + draws.Below(high - low + 1));
                index = close;
            }
            else if (symbol == '#')
            {
                AppendDigits(ref draws, output, 1);
            }
            else if (symbol == '[' && index + 4 < pattern.Length && pattern[index + 2] == '-' && pattern[index + 4] == ']')
            {
                output.Append((char)(pattern[index + 1] + draws.Below(pattern[index + 3] - pattern[index + 1] + 1)));
                index += 4;
            }
            else if (symbol == 'L')
            {
                output.Append(LuhnCheckDigit(output, start));
            }
            else if (symbol is not '/')
            {
                output.Append(symbol);
            }
        }
    }

    private static void AppendDigits(ref KeyedDraws draws, StringBuilder output, int count)
    {
        for (var digit = 0; digit < count; digit++)
        {
            output.Append((char)('0' + draws.Below(10)));
        }
    }

    /// <summary>The digit that makes the digits written since <paramref name="start"/> pass the Luhn check.</summary>
    private static char LuhnCheckDigit(StringBuilder output, int start)
    {
        var sum = 0;
        var doubled = true; // the check digit itself will sit at an undoubled position
        for (var index = output.Length - 1; index >= start; index--)
        {
            if (!char.IsAsciiDigit(output[index]))
            {
                continue;
            }

            var digit = output[index] - '0';
            if (doubled)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
            doubled = !doubled;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
