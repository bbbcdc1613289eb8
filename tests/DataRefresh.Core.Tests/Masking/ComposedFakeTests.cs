using System.Text;
using Bogus.Bson;
using DataRefresh.Core.Masking.Fakes;

namespace DataRefresh.Core.Tests.Masking;

/// <summary>The composed fakes must give what the Bogus method of the same name gives: values from its lists, in its formats.</summary>
public sealed class ComposedFakeTests
{
    private static string Compose(string path, string locale, ulong seed, string? emailDomain = null)
    {
        var (fake, _) = Assert.NotNull(ComposedFakes.Find(path, locale, emailDomain));
        var draws = new KeyedDraws(seed);
        var output = new StringBuilder();
        fake.Compose(ref draws, output);
        return output.ToString();
    }

    private static HashSet<string> BogusList(string category, string path, string locale)
    {
        var list = (BArray)Bogus.Database.Get(category, path, locale, "en");
        return [.. Enumerable.Range(0, list.Count).Select(index => list[index].StringValue)];
    }

    [Theory]
    [InlineData("name.firstName", "en", "name", "first_name")]
    [InlineData("name.lastName", "de", "name", "last_name")]
    [InlineData("address.country", "fr", "address", "country")]
    [InlineData("commerce.department", "en", "commerce", "department")]
    public void A_single_list_fake_is_always_a_member_of_that_Bogus_list(string path, string locale, string category, string list)
    {
        var allowed = BogusList(category, path: list, locale);
        var outputs = Enumerable.Range(0, 5000).Select(seed => Compose(path, locale, (ulong)seed * 0x9E37UL)).ToList();

        Assert.All(outputs, output => Assert.Contains(output, allowed));

        // Keyed draws must spread over the list, not sit on a few entries.
        Assert.True(outputs.Distinct().Count() >= Math.Min(allowed.Count, 5000) / 3, $"{outputs.Distinct().Count()} distinct of {allowed.Count}");
    }

    [Fact]
    public void Composite_fakes_have_Bogus_shapes()
    {
        var firstNames = BogusList("name", "first_name", "en");
        for (var seed = 1UL; seed < 2000; seed++)
        {
            var email = Compose("internet.email", "en", seed);
            var at = email.IndexOf('@', StringComparison.Ordinal);
            Assert.Contains(email[(at + 1)..], ReservedDomains);
            Assert.Contains(firstNames, name => email.StartsWith(new string([.. name.Where(char.IsAsciiLetterOrDigit)]), StringComparison.Ordinal));

            Assert.Matches(@"^\d{3,5} \S+( \S+)* \S+$", Compose("address.streetAddress", "en", seed));
            var phone = Compose("phone.phoneNumber", "en", seed);
            Assert.Matches(@"^[\d()\-. x+]+$", phone);
            Assert.True(phone.Count(char.IsAsciiDigit) >= 10, phone);
            Assert.Matches(@"^\d{5}(-\d{4})?$", Compose("address.zipCode", "en", seed));
        }
    }

    [Fact]
    public void Card_numbers_follow_an_issuer_pattern_and_pass_the_Luhn_check()
    {
        var prefixes = new HashSet<string>();
        for (var seed = 1UL; seed < 3000; seed++)
        {
            var card = Compose("finance.creditCardNumber", "en", seed * 31);
            var digits = new string([.. card.Where(char.IsAsciiDigit)]);
            Assert.Matches(@"^[\d-]+$", card);
            Assert.InRange(digits.Length, 13, 22);
            Assert.True(PassesLuhn(digits), card);
            prefixes.Add(digits[..2]);
        }

        Assert.True(prefixes.Count >= 8, "issuers must vary: " + string.Join(",", prefixes));
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var index = 0; index < digits.Length; index++)
        {
            var digit = digits[digits.Length - 1 - index] - '0';
            sum += index % 2 == 1 ? (digit * 2 > 9 ? (digit * 2) - 9 : digit * 2) : digit;
        }

        return sum % 10 == 0;
    }

    [Fact]
    public void Every_composed_path_builds_or_falls_back_to_Bogus_in_every_locale_and_leaves_no_template_behind()
    {
        string[] paths = ["name.firstName", "name.fullName", "name.jobTitle", "address.streetAddress", "address.city", "address.zipCode",
            "phone.phoneNumber", "company.companyName", "commerce.productName", "internet.email", "finance.creditCardNumber"];
        foreach (var locale in Bogus.Database.GetAllLocales())
        {
            foreach (var path in paths.Where(path => ComposedFakes.Find(path, locale) is not null))
            {
                for (var seed = 1UL; seed < 50; seed++)
                {
                    var output = Compose(path, locale, seed * 7919);
                    Assert.False(string.IsNullOrWhiteSpace(output), $"{path} in {locale} composed nothing");
                    Assert.DoesNotContain("#{", output, StringComparison.Ordinal);
                }
            }
        }

        Assert.NotNull(ComposedFakes.Find("address.streetAddress", "en"));
        Assert.Null(ComposedFakes.Find("finance.iban", "en"));
    }

    // RFC 2606: reserved for examples, so mail a staging system sends to them reaches nobody.
    private static readonly string[] ReservedDomains = ["example.com", "example.net", "example.org"];

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("ja")]
    public void E_mail_addresses_use_reserved_example_domains_unless_a_rule_asks_otherwise(string locale)
    {
        // Changed on purpose in issue 13 (mask catalogue version 2): internet.email used real free-mail providers' domains.
        var freeMail = BogusList("internet", "free_email", "en");
        var domains = Enumerable.Range(1, 3000).Select(seed => Compose("internet.email", locale, (ulong)seed * 7919)).Select(Domain).ToHashSet();
        Assert.Equal(ReservedDomains.Order(), domains.Order());
        Assert.All(Enumerable.Range(1, 500), seed => Assert.Contains(Domain(Compose("internet.exampleEmail", locale, (ulong)seed)), ReservedDomains));

        Assert.All(Enumerable.Range(1, 500), seed => Assert.Equal("mail.test", Domain(Compose("internet.email", locale, (ulong)seed, "Mail.Test"))));
        var asked = Enumerable.Range(1, 3000).Select(seed => Domain(Compose("internet.email", locale, (ulong)seed, EmailDomains.FreeMail))).ToHashSet();
        Assert.Subset(freeMail, asked);
        Assert.Contains("gmail.com", asked);

        static string Domain(string email) => email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
    }
}
