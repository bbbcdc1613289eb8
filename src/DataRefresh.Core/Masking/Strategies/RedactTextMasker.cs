using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DataRefresh.Core.Detection;
using DataRefresh.Core.Masking.Fakes;

namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: redact-text</c>: finds e-mail addresses, phone numbers, cards, IBANs, national ids and IP addresses inside free
/// text and replaces only those, leaving the text around them as it was. With a <c>replacement</c> every item becomes
/// that literal; without one each becomes a same-kind substitute keyed by the item alone, so the same address in two
/// notes (or two tables under the same rule) becomes the same fake: a fake e-mail, a Luhn-valid card in the same grouping,
/// an IBAN of the same country and length with a valid checksum, phone and id digits redrawn around their separators,
/// and IP addresses from the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32).
/// One instance per worker.
/// </summary>
public sealed class RedactTextMasker : ColumnMasker
{
    /// <summary>What a whole value becomes when it cannot be scanned in time: failing closed beats passing it through.</summary>
    public const string UnscannableText = "[redacted]";

    private static readonly string[] DocumentationNetworks = ["192.0.2.", "198.51.100.", "203.0.113."];

    private readonly KeyedHash hash;
    private readonly IReadOnlySet<SensitiveKind> find;
    private readonly string? replacement;
    private readonly int? maxLength;
    private readonly (IComposedFake Fake, bool Slugged) email;
    private readonly List<SensitiveSpan> spans = [];
    private readonly StringBuilder output = new();
    private readonly StringBuilder substitute = new();

    public RedactTextMasker(KeyedHash hash, IReadOnlySet<SensitiveKind> find, string? replacement, int? maxLength = null)
    {
        foreach (var kind in find)
        {
            if (!TextFinder.FindableKinds.Contains(kind))
            {
                throw new ArgumentException($"{kind} cannot be found inside text; findable: {string.Join(", ", SensitiveKindNames.FindableNames)}.", nameof(find));
            }
        }

        this.hash = hash;
        this.find = find;
        this.replacement = replacement;
        this.maxLength = maxLength;
        email = ComposedFakes.Find("internet.email", FakerCatalog.DefaultLocale)
            ?? throw new InvalidOperationException("Bogus' English data has no e-mail templates.");
    }

    public override object? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not string text)
        {
            throw new InvalidOperationException("The planner admits redact-text only for text columns.");
        }

        try
        {
            TextFinder.Find(text, find, spans);
        }
        catch (RegexMatchTimeoutException)
        {
            // The exception holds the text: it is dropped here, and the value is not passed through unscanned.
            return TextFit.Truncate(replacement ?? UnscannableText, maxLength);
        }

        if (spans.Count == 0)
        {
            return TextFit.Truncate(text, maxLength);
        }

        output.Clear();
        var copied = 0;
        foreach (var span in spans)
        {
            output.Append(text, copied, span.Start - copied);
            if (replacement is not null)
            {
                output.Append(replacement);
            }
            else
            {
                AppendSubstitute(text.AsSpan(span.Start, span.Length), span);
            }

            copied = span.End;
        }

        output.Append(text, copied, text.Length - copied);
        return TextFit.Truncate(output.ToString(), maxLength);
    }

    private void AppendSubstitute(ReadOnlySpan<char> item, SensitiveSpan span)
    {
        var draws = new KeyedDraws(hash.Compute64(Normalize(item, span.Kind)));
        substitute.Clear();
        switch (span.Kind)
        {
            case SensitiveKind.Email:
                ComposeEmail(ref draws);
                break;
            case SensitiveKind.Card:
                RedrawCard(item, ref draws);
                break;
            case SensitiveKind.Iban:
                RedrawIban(item, ref draws);
                break;
            case SensitiveKind.IpAddress:
                ComposeDocumentationAddress(item, ref draws);
                break;
            default:
                RedrawDigits(item, ref draws, KeptPrefix(item, span.Kind));
                break;
        }

        output.Append(substitute);
    }

    /// <summary>
    /// The form the substitute is keyed by: spacing, dashes and case do not make another item, so "4111 1111 1111 1111"
    /// and "4111111111111111" get the same substitute digits.
    /// </summary>
    private static string Normalize(ReadOnlySpan<char> item, SensitiveKind kind)
    {
        if (kind is SensitiveKind.Email or SensitiveKind.IpAddress)
        {
            return item.ToString().ToLowerInvariant();
        }

        var kept = new StringBuilder(item.Length);
        foreach (var character in item)
        {
            if (char.IsAsciiLetterOrDigit(character) || character == '+')
            {
                kept.Append(char.ToUpperInvariant(character));
            }
        }

        return kept.ToString();
    }

    private void ComposeEmail(ref KeyedDraws draws)
    {
        email.Fake.Compose(ref draws, substitute);
        if (!email.Slugged)
        {
            return;
        }

        // As Bogus (and FakeMasker) keep in addresses: letters, digits and . _ - @.
        var kept = 0;
        for (var index = 0; index < substitute.Length; index++)
        {
            var character = substitute[index];
            if (char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-' or '@')
            {
                substitute[kept++] = character;
            }
        }

        substitute.Length = kept;
    }

    /// <summary>The issuer digit stays, the rest are redrawn and the last one is the Luhn check digit, in the original grouping.</summary>
    private void RedrawCard(ReadOnlySpan<char> item, ref KeyedDraws draws)
    {
        var lastDigit = item.LastIndexOfAnyInRange('0', '9');
        for (var index = 0; index < item.Length; index++)
        {
            var character = item[index];
            if (!char.IsAsciiDigit(character) || index == 0)
            {
                substitute.Append(character);
            }
            else if (index == lastDigit)
            {
                substitute.Append(Luhn.CheckDigit(substitute.ToString()));
            }
            else
            {
                substitute.Append((char)('0' + draws.Below(10)));
            }
        }
    }

    /// <summary>Country kept, account part redrawn character class by character class, check digits recomputed.</summary>
    private void RedrawIban(ReadOnlySpan<char> item, ref KeyedDraws draws)
    {
        var compact = new StringBuilder(item.Length);
        foreach (var character in item)
        {
            if (character == ' ')
            {
                continue;
            }

            compact.Append(compact.Length switch
            {
                < 2 => character,
                < 4 => '0',
                _ when char.IsAsciiDigit(character) => (char)('0' + draws.Below(10)),
                _ => (char)('A' + draws.Below(26)),
            });
        }

        var check = 98 - IbanFinder.Remainder(compact.ToString());
        compact[2] = (char)('0' + (check / 10));
        compact[3] = (char)('0' + (check % 10));
        var next = 0;
        foreach (var character in item)
        {
            substitute.Append(character == ' ' ? ' ' : compact[next++]);
        }
    }

    /// <summary>A CIDR suffix ("/24") is kept: it describes the network size, not who is in it.</summary>
    private void ComposeDocumentationAddress(ReadOnlySpan<char> item, ref KeyedDraws draws)
    {
        var slash = item.IndexOf('/');
        var suffix = slash < 0 ? [] : item[slash..];
        if (item.Contains(':'))
        {
            var bytes = new byte[16];
            bytes[0] = 0x20;
            bytes[1] = 0x01;
            bytes[2] = 0x0d;
            bytes[3] = 0xb8;
            for (var index = 4; index < 16; index++)
            {
                bytes[index] = (byte)draws.Below(256);
            }

            substitute.Append(new IPAddress(bytes).ToString()).Append(suffix);
            return;
        }

        substitute.Append(DocumentationNetworks[draws.Below(DocumentationNetworks.Length)]).Append(1 + draws.Below(254)).Append(suffix);
    }

    /// <summary>
    /// How many leading characters of a phone number or id stay: a phone keeps its international or trunk prefix and first
    /// digit, so it still reads as a number of the same country; ids keep nothing but their letters and separators.
    /// </summary>
    private static int KeptPrefix(ReadOnlySpan<char> item, SensitiveKind kind)
    {
        if (kind != SensitiveKind.Phone)
        {
            return 0;
        }

        var start = item.IndexOfAnyInRange('0', '9');
        return item[start..].StartsWith("00") ? start + 3 : start + 1;
    }

    private void RedrawDigits(ReadOnlySpan<char> item, ref KeyedDraws draws, int kept)
    {
        for (var index = 0; index < item.Length; index++)
        {
            var character = item[index];
            substitute.Append(index >= kept && char.IsAsciiDigit(character) ? (char)('0' + draws.Below(10)) : character);
        }
    }
}
