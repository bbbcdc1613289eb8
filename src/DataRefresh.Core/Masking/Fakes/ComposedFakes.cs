using System.Collections.Concurrent;

namespace DataRefresh.Core.Masking.Fakes;

/// <summary>
/// The faker paths composed directly from Bogus' data (see <see cref="FakeTemplate"/>), each written to give what the
/// Bogus method of that name gives: the same lists, formats and shapes. Paths not listed here run Bogus itself.
/// </summary>
public static class ComposedFakes
{
    // Bogus' Internet.UserName: first name and a number, or first and last name joined by . or _, optionally with a number.
    private static readonly string[] UserNames =
    [
        "#{Name.first_name}#{0..99}",
        "#{Name.first_name}.#{Name.last_name}", "#{Name.first_name}_#{Name.last_name}",
        "#{Name.first_name}.#{Name.last_name}#{0..99}", "#{Name.first_name}_#{Name.last_name}#{0..99}",
    ];

    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name.firstName"] = ["#{Name.first_name}"],
        ["name.lastName"] = ["#{Name.last_name}"],
        ["name.fullName"] = ["#{Name.first_name} #{Name.last_name}"],
        ["name.prefix"] = ["#{Name.prefix}"],
        ["name.suffix"] = ["#{Name.suffix}"],
        ["name.jobTitle"] = ["#{Name.title.descriptor} #{Name.title.level} #{Name.title.job}"],
        ["name.jobDescriptor"] = ["#{Name.title.descriptor}"],
        ["name.jobArea"] = ["#{Name.title.level}"],
        ["name.jobType"] = ["#{Name.title.job}"],
        ["address.streetAddress"] = ["#{Address.building_number} #{Address.street_name}"],
        ["address.streetName"] = ["#{Address.street_name}"],
        ["address.buildingNumber"] = ["#{Address.building_number}"],
        ["address.secondaryAddress"] = ["#{Address.secondary_address}"],
        ["address.streetSuffix"] = ["#{Address.street_suffix}"],
        ["address.city"] = ["#{Address.city}"],
        ["address.cityPrefix"] = ["#{Address.city_prefix}"],
        ["address.citySuffix"] = ["#{Address.city_suffix}"],
        ["address.zipCode"] = ["#{Address.postcode}"],
        ["address.county"] = ["#{Address.county}"],
        ["address.state"] = ["#{Address.state}"],
        ["address.stateAbbr"] = ["#{Address.state_abbr}"],
        ["address.country"] = ["#{Address.country}"],
        ["address.countryCode"] = ["#{Address.country_code}"],
        ["address.direction"] = ["#{Address.direction}"],
        ["phone.phoneNumber"] = ["#{Phone_number.formats}"],
        ["company.companyName"] = ["#{Company.name}"],
        ["company.companySuffix"] = ["#{Company.suffix}"],
        ["company.catchPhrase"] = ["#{Company.adjective} #{Company.descriptor} #{Company.noun}"],
        ["company.bs"] = ["#{Company.bs_verb} #{Company.bs_adjective} #{Company.bs_noun}"],
        ["commerce.department"] = ["#{Commerce.department}"],
        ["commerce.color"] = ["#{Commerce.color}"],
        ["commerce.productName"] = ["#{Commerce.product_name.adjective} #{Commerce.product_name.material} #{Commerce.product_name.product}"],
        ["lorem.word"] = ["#{Lorem.words}"],
        ["internet.userName"] = UserNames,
        ["internet.domainSuffix"] = ["#{Internet.domain_suffix}"],
    };

    // Bogus slugifies user names, so names such as O'Keefe give OKeefe (e-mail addresses are slugged too, see Build).
    private static readonly HashSet<string> Slugged = new(StringComparer.OrdinalIgnoreCase)
    {
        "internet.userName",
    };

    // Composed fakes are immutable, so every worker of every table shares the one built for a path, locale and domain.
    private static readonly ConcurrentDictionary<(string Path, string Locale, string? EmailDomain), (IComposedFake Fake, bool Slugged)?> Built = new();

    /// <summary>
    /// The composed fake for a path and locale, or null when Bogus itself must run. <paramref name="emailDomain"/> is the
    /// rule's <c>emailDomain</c> for e-mail paths (see <see cref="EmailDomains"/>); null means the reserved example domains.
    /// </summary>
    public static (IComposedFake Fake, bool Slugged)? Find(string path, string locale, string? emailDomain = null) =>
        Built.GetOrAdd((path.ToLowerInvariant(), locale, emailDomain), key => Build(key.Path, key.Locale, key.EmailDomain));

    private static (IComposedFake Fake, bool Slugged)? Build(string path, string locale, string? emailDomain)
    {
        if (string.Equals(path, "finance.creditCardNumber", StringComparison.OrdinalIgnoreCase))
        {
            return CardNumberFake.Build(locale) is { } card ? (card, false) : null;
        }

        if (EmailDomains.IsEmailFaker(path))
        {
            // Always composed, never run through Bogus, whose Internet.Email picks real free-mail providers' domains.
            var domain = EmailDomains.Template(emailDomain);
            return FakeTemplate.Build(locale, [.. UserNames.Select(name => name + "@" + domain)]) is { } email
                ? (email, true)
                : throw new InvalidOperationException("Bogus' data (with its English fallback) has no first or last names; e-mail addresses cannot be composed.");
        }

        return Templates.TryGetValue(path, out var alternatives) && FakeTemplate.Build(locale, alternatives) is { } template
            ? (template, Slugged.Contains(path))
            : null;
    }
}
