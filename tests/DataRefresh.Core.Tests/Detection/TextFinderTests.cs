using DataRefresh.Core.Detection;

namespace DataRefresh.Core.Tests.Detection;

public sealed class TextFinderTests
{
    [Theory]
    [InlineData("person1@example.com", SensitiveKind.Email)]
    [InlineData("Jane.O-Neil+news@mail.example.co.uk", SensitiveKind.Email)]
    [InlineData("+49 30 1234567", SensitiveKind.Phone)]
    [InlineData("+1 (555) 123-4567", SensitiveKind.Phone)]
    [InlineData("+44 20 7946 0958", SensitiveKind.Phone)]
    [InlineData("0049 30 1234567", SensitiveKind.Phone)]
    [InlineData("(555) 123-4567", SensitiveKind.Phone)]
    [InlineData("555-123-4567", SensitiveKind.Phone)]
    [InlineData("555.123.4567", SensitiveKind.Phone)]
    [InlineData("1-555-123-4567", SensitiveKind.Phone)]
    [InlineData("555-0100", SensitiveKind.Phone)]
    [InlineData("030 1234567", SensitiveKind.Phone)]
    [InlineData("030/123 45 67", SensitiveKind.Phone)]
    [InlineData("01711234567", SensitiveKind.Phone)]
    [InlineData("4111 1111 1111 1111", SensitiveKind.Card)]
    [InlineData("4111111111111111", SensitiveKind.Card)]
    [InlineData("5500-0000-0000-0004", SensitiveKind.Card)]
    [InlineData("3782 822463 10005", SensitiveKind.Card)]
    [InlineData("DE89 3704 0044 0532 0130 00", SensitiveKind.Iban)]
    [InlineData("DE89370400440532013000", SensitiveKind.Iban)]
    [InlineData("GB82WEST12345698765432", SensitiveKind.Iban)]
    [InlineData("123-45-6789", SensitiveKind.NationalId)]
    [InlineData("AB 12 34 56 C", SensitiveKind.NationalId)]
    [InlineData("AB123456C", SensitiveKind.NationalId)]
    [InlineData("86095742719", SensitiveKind.NationalId)]
    [InlineData("1 84 12 76 451 089 46", SensitiveKind.NationalId)]
    [InlineData("192.168.1.10", SensitiveKind.IpAddress)]
    [InlineData("2001:db8::8a2e:370:7334", SensitiveKind.IpAddress)]
    [InlineData("fe80::1", SensitiveKind.IpAddress)]
    [InlineData("::ffff:192.0.2.1", SensitiveKind.IpAddress)]
    [InlineData("10.1.0.1/32", SensitiveKind.IpAddress)]
    [InlineData("2001:db8::/32", SensitiveKind.IpAddress)]
    public void Whole_values_are_classified_by_their_kind(string value, SensitiveKind kind)
    {
        Assert.Equal(kind, TextFinder.ClassifyWhole(value));
        Assert.Equal(kind, TextFinder.ClassifyWhole("  " + value + " "));
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")] // Luhn fails
    [InlineData("1234567812345678")] // Luhn fails
    [InlineData("DE89 3704 0044 0532 0130 01")] // mod 97 fails
    [InlineData("DE89 3704 0044 0532 0130")] // too short for Germany
    [InlineData("XX89370400440532013000")] // no such country
    [InlineData("000-12-3456")] // area 000
    [InlineData("666-12-3456")] // area 666
    [InlineData("912-12-3456")] // area 9xx
    [InlineData("123-00-4567")] // group 00
    [InlineData("123-45-0000")] // serial 0000
    [InlineData("QQ123456C")] // Q is not a NINO prefix letter
    [InlineData("GB123456A")] // GB is not issued
    [InlineData("86095742718")] // Steuer-ID check digit wrong
    [InlineData("1 84 12 76 451 089 47")] // NIR key wrong
    [InlineData("person1@example")] // no top-level domain
    [InlineData(".person@example.com")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.256")]
    [InlineData("10.0.19041.1")]
    [InlineData("192.168.01.1")]
    [InlineData("10.1.0.1/33")]
    [InlineData("1/2/2024")]
    [InlineData("12:30:45")]
    [InlineData("2024-01-15")]
    [InlineData("15.01.2024")]
    [InlineData("01/15/2024")]
    [InlineData("2024-01-15 10:30")]
    [InlineData("1 234 567")]
    [InlineData("1,234,567.89")]
    [InlineData("12345678")]
    [InlineData("2024")]
    [InlineData("ORD-2024-000123")]
    [InlineData("v2.14.1")]
    [InlineData("Anna")]
    [InlineData("")]
    public void Look_alikes_are_not_classified(string value) => Assert.Null(TextFinder.ClassifyWhole(value));

    [Fact]
    public void Items_inside_free_text_are_found_with_their_offsets_and_nothing_else()
    {
        const string text =
            "Customer wrote on 2024-03-15 about order ORD-2024-000123 (total 1,249.90 EUR, version 2.14.1): " +
            "call me on +49 30 1234567 or mail jane.doe@example.org; card 4111 1111 1111 1111 was charged twice, " +
            "refund to DE89 3704 0044 0532 0130 00. SSN 123-45-6789, login from 192.168.1.10 and 2001:db8::1.";

        var found = TextFinder.Find(text);

        var items = found.Select(span => (text.Substring(span.Start, span.Length), span.Kind)).ToList();
        Assert.Equal(
            [
                ("+49 30 1234567", SensitiveKind.Phone),
                ("jane.doe@example.org", SensitiveKind.Email),
                ("4111 1111 1111 1111", SensitiveKind.Card),
                ("DE89 3704 0044 0532 0130 00", SensitiveKind.Iban),
                ("123-45-6789", SensitiveKind.NationalId),
                ("192.168.1.10", SensitiveKind.IpAddress),
                ("2001:db8::1", SensitiveKind.IpAddress),
            ],
            items);
    }

    [Theory]
    [InlineData("The meeting moved from 10:30 to 11:45 on 15.01.2024; budget 1 250 000 EUR, 3.5% over 2023.")]
    [InlineData("Order #123456789 shipped in 2 boxes of 12 items, tracking 1Z999AA10123456784, release 10.0.19041.1.")]
    [InlineData("Invoice 2024-0001 for 4,500.00 USD is due 2024-02-01; ref 7731-22, page 12 of 30.")]
    [InlineData("Call the store between 9 and 17 hours, aisle 7, shelf 3.2.1; std::vector<int> and Bad::Cafe compile.")]
    public void Ordinary_sentences_with_dates_amounts_and_ids_have_no_findings(string text) => Assert.Empty(TextFinder.Find(text));

    [Fact]
    public void Only_the_requested_kinds_are_found()
    {
        const string text = "mail a@example.com or call +49 30 1234567";

        var found = TextFinder.Find(text, new HashSet<SensitiveKind> { SensitiveKind.Phone });

        Assert.Equal(SensitiveKind.Phone, Assert.Single(found).Kind);
    }

    [Fact]
    public void A_date_or_count_next_to_a_phone_number_does_not_hide_it()
    {
        const string text = "on 2024-01-15 555-123-4567 12 times";

        var span = Assert.Single(TextFinder.Find(text));

        Assert.Equal("555-123-4567", text.Substring(span.Start, span.Length));
    }

    [Fact]
    public void Person_names_come_from_the_Bogus_lists_of_every_locale()
    {
        Assert.True(PersonNames.IsFirstName("anna"));
        Assert.True(PersonNames.IsLastName("Schmidt"));
        Assert.True(PersonNames.IsLastName("Dubois"));
        Assert.True(PersonNames.IsPersonName("Anna Schmidt"));
        Assert.True(PersonNames.IsPersonName("J. Smith"));
        Assert.False(PersonNames.IsPersonName("inactive"));
        Assert.False(PersonNames.IsPersonName("Order shipped yesterday morning"));
        Assert.False(PersonNames.IsPersonName(""));
    }

    [Fact]
    public void Find_lists_name_the_findable_kinds_and_report_unknown_ones_with_a_suggestion()
    {
        var all = SensitiveKindNames.ParseFindable(null, out var noError);
        Assert.Null(noError);
        Assert.Equal(TextFinder.FindableKinds, all);
        Assert.Equal(["email", "iban", "card", "national-id", "ip", "phone"], SensitiveKindNames.FindableNames);

        var some = SensitiveKindNames.ParseFindable(["email", "national-id"], out _);
        Assert.Equal(new HashSet<SensitiveKind> { SensitiveKind.Email, SensitiveKind.NationalId }, some);

        Assert.Null(SensitiveKindNames.ParseFindable(["emial"], out var error));
        Assert.Contains("unknown kind 'emial' (did you mean 'email'?)", error, StringComparison.Ordinal);
        Assert.Contains("national-id", error, StringComparison.Ordinal);
        Assert.Null(SensitiveKindNames.ParseFindable(["first-name"], out _));
    }
}
