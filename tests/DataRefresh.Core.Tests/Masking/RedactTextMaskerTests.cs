using System.Net;
using DataRefresh.Core.Detection;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking;

public sealed class RedactTextMaskerTests
{
    private const string Paragraph =
        "Customer wrote on 2024-03-15 about order ORD-2024-000123 (total 1,249.90 EUR): " +
        "call me on +49 30 1234567 or mail jane.doe@example.org; card 4111 1111 1111 1111 was charged twice, " +
        "refund to DE89 3704 0044 0532 0130 00. SSN 123-45-6789, login from 192.168.1.10 and 2001:db8:85a3::8a2e:370:7334.";

    private static readonly string[] Items =
    [
        "+49 30 1234567", "jane.doe@example.org", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "123-45-6789",
        "192.168.1.10", "2001:db8:85a3::8a2e:370:7334",
    ];

    private static readonly MaskingKey Key = MaskingKey.FromSecret("test-key-0123456789abcdef");

    private static RedactTextMasker Create(string? replacement = null, IReadOnlySet<SensitiveKind>? find = null, int? maxLength = null, MaskingKey? key = null) =>
        new(new KeyedHash(key ?? Key, "redact-text"), find ?? TextFinder.FindableKinds, replacement, maxLength);

    /// <summary>The paragraph cut at its items: what must survive masking unchanged, in order.</summary>
    private static List<string> Surroundings()
    {
        var pieces = new List<string>();
        var rest = Paragraph;
        foreach (var item in Items)
        {
            var at = rest.IndexOf(item, StringComparison.Ordinal);
            pieces.Add(rest[..at]);
            rest = rest[(at + item.Length)..];
        }

        pieces.Add(rest);
        return pieces;
    }

    /// <summary>Reads the masked paragraph back as the surroundings with substitutes between them.</summary>
    private static List<string> Substitutes(string masked)
    {
        var substitutes = new List<string>();
        var pieces = Surroundings();
        Assert.StartsWith(pieces[0], masked, StringComparison.Ordinal);
        var position = pieces[0].Length;
        foreach (var piece in pieces.Skip(1))
        {
            var next = piece.Length == 0 ? masked.Length : masked.IndexOf(piece, position, StringComparison.Ordinal);
            Assert.True(next >= position, $"the text after substitute {substitutes.Count + 1} must be intact");
            substitutes.Add(masked[position..next]);
            position = next + piece.Length;
        }

        Assert.Equal(masked.Length, position);
        return substitutes;
    }

    [Fact]
    public void Every_kind_is_replaced_by_a_valid_substitute_of_its_kind_and_the_text_around_stays()
    {
        var masked = Assert.IsType<string>(Create().Mask(Paragraph));

        var substitutes = Substitutes(masked);
        Assert.All(Items, item => Assert.DoesNotContain(item, masked, StringComparison.Ordinal));
        var (phone, email, card, iban, ssn, ipv4, ipv6) = (substitutes[0], substitutes[1], substitutes[2], substitutes[3], substitutes[4], substitutes[5], substitutes[6]);

        Assert.Equal(SensitiveKind.Phone, TextFinder.ClassifyWhole(phone));
        Assert.StartsWith("+4", phone, StringComparison.Ordinal);
        Assert.Equal(Items[0].Length, phone.Length);
        Assert.Equal(SensitiveKind.Email, TextFinder.ClassifyWhole(email));
        Assert.Equal(SensitiveKind.Card, TextFinder.ClassifyWhole(card));
        Assert.Matches(@"^4\d{3} \d{4} \d{4} \d{4}$", card);
        Assert.Equal(SensitiveKind.Iban, TextFinder.ClassifyWhole(iban));
        Assert.Matches(@"^DE\d\d \d{4} \d{4} \d{4} \d{4} \d{2}$", iban);
        Assert.Matches(@"^\d{3}-\d{2}-\d{4}$", ssn);
        Assert.Matches(@"^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$", ipv4);
        Assert.True(IPAddress.TryParse(ipv6, out var address));
        Assert.StartsWith("2001:db8:", address.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_item_gets_the_same_substitute_in_every_text_and_another_key_gives_another()
    {
        var masker = Create();
        var first = (string)masker.Mask("Please write to jane.doe@example.org today.")!;
        var second = (string)Create().Mask("jane.doe@example.org asked for a refund")!;
        var otherKey = (string)Create(key: MaskingKey.FromSecret("another-key-0123456789abcdef")).Mask("jane.doe@example.org asked for a refund")!;

        var substitute = first["Please write to ".Length..^" today.".Length];
        Assert.Equal(substitute + " asked for a refund", second);
        Assert.Equal(first, masker.Mask("Please write to jane.doe@example.org today."));
        Assert.NotEqual(second, otherKey);

        // Grouping does not make another card: the digits are keyed by the number itself.
        var spaced = (string)masker.Mask("4111 1111 1111 1111")!;
        var plain = (string)masker.Mask("4111111111111111")!;
        Assert.Equal(spaced.Replace(" ", "", StringComparison.Ordinal), plain);
    }

    [Fact]
    public void A_replacement_literal_stands_in_for_every_item()
    {
        var masked = Assert.IsType<string>(Create(replacement: "[redacted]").Mask(Paragraph));

        Assert.Equal(string.Join("[redacted]", Surroundings()), masked);
    }

    [Fact]
    public void Only_the_requested_kinds_are_replaced()
    {
        var masker = Create(replacement: "[x]", find: new HashSet<SensitiveKind> { SensitiveKind.Email, SensitiveKind.Card });

        Assert.Equal(
            "mail [x] or call +49 30 1234567, card [x]",
            masker.Mask("mail jane.doe@example.org or call +49 30 1234567, card 4111-1111-1111-1111"));
    }

    [Theory]
    [InlineData("The meeting moved from 10:30 to 11:45 on 15.01.2024; budget 1 250 000 EUR, 3.5% over 2023.")]
    [InlineData("Order #123456789 shipped in 2 boxes of 12 items, release 10.0.19041.1, ticket ORD-2024-000123.")]
    [InlineData("Invoice 2024-0001 for 4,500.00 USD is due 2024-02-01; ref 7731-22, page 12 of 30.")]
    [InlineData("")]
    public void Text_without_findings_is_returned_unchanged(string text) => Assert.Equal(text, Create().Mask(text));

    [Fact]
    public void Results_are_cut_to_the_column_length_and_nulls_stay_null()
    {
        var masker = Create(maxLength: 30);

        Assert.Equal(30, ((string)masker.Mask(Paragraph)!).Length);
        Assert.Null(masker.Mask(null));
    }

    [Fact]
    public void Kinds_that_cannot_be_found_in_text_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(find: new HashSet<SensitiveKind> { SensitiveKind.BirthDate }));

        Assert.Contains("national-id", error.Message, StringComparison.Ordinal);
    }
}
