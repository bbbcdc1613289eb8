using System.Text;
using System.Text.RegularExpressions;
using DataRefresh.Core.Detection;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// Suspects sensitive columns by name. Names are split into lower-case words (<c>billingPhoneNo</c> → <c>billing_phone_no</c>)
/// and matched word-wise against rules tried in order, so <c>ip_address</c> is an IP before it is an address and
/// <c>card_holder</c> a name before it is a card. Each rule admits only column types its data can have, so
/// <c>email_verified</c> (boolean) or <c>last_login</c> (timestamp) are not flagged.
/// </summary>
public static class ColumnNameClassifier
{
    private static readonly ColumnCategory[] Textual = [ColumnCategory.Text, ColumnCategory.Other];
    private static readonly ColumnCategory[] TextOrNumber = [ColumnCategory.Text, ColumnCategory.Other, ColumnCategory.Integer, ColumnCategory.Numeric];
    private static readonly ColumnCategory[] Dates = [ColumnCategory.Date, ColumnCategory.Timestamp, ColumnCategory.TimestampWithTimeZone, ColumnCategory.Text];
    private static readonly ColumnCategory[] SecretTypes = [ColumnCategory.Text, ColumnCategory.Binary, ColumnCategory.Uuid, ColumnCategory.Json, ColumnCategory.Other];
    private static readonly ColumnCategory[] Records = [ColumnCategory.Text, ColumnCategory.Other, ColumnCategory.Json, ColumnCategory.Binary];
    private static readonly ColumnCategory[] Images = [ColumnCategory.Binary, ColumnCategory.Text];
    private static readonly ColumnCategory[] Anything = Enum.GetValues<ColumnCategory>();

    // Tables whose bare "name" column is a person's name; elsewhere "name" is a product, company or file name.
    private static readonly HashSet<string> PersonTables = new(StringComparer.Ordinal)
    {
        "customer", "customers", "user", "users", "employee", "employees", "person", "persons", "people", "contact", "contacts",
        "patient", "patients", "member", "members", "client", "clients", "student", "students", "staff", "applicant",
        "applicants", "guest", "guests", "passenger", "passengers", "subscriber", "subscribers", "author", "authors",
    };

    private const string Number = @"(_?(number|num|no|nr))?";

    private static readonly NameRule[] Rules =
    [
        Rule("card-security-code", @"cvv2?|cvc2?|csc|card_?security_?code|card_?verification(_?code)?", SensitiveKind.CardSecurityCode, DataClassification.Pci, TextOrNumber),
        Rule("card-holder", @"card_?holder(_?name)?|account_?holder(_?name)?|holder_?name|name_?on_?card", SensitiveKind.PersonName, DataClassification.Pci, Textual),
        Rule("card", @"(credit_?|debit_?|payment_?)?card" + Number + @"$|cc_?(number|num|no|nr)|pan$|primary_?account_?number", SensitiveKind.Card, DataClassification.Pci, TextOrNumber),
        Rule("iban", @"iban", SensitiveKind.Iban, DataClassification.Pci, Textual),
        Rule("bic", @"bic|swift(_?code)?|routing" + Number + @"|sort_?code", SensitiveKind.Bic, DataClassification.Pci, TextOrNumber),
        Rule("account-number", @"(bank_?)?(account|acct)_?(number|num|no|nr)|bank_?account", SensitiveKind.AccountNumber, DataClassification.Pci, TextOrNumber),
        Rule("ssn", @"ssn|social_?security" + Number, SensitiveKind.NationalId, DataClassification.Pii, TextOrNumber),
        Rule("national-id", @"national_?id(entifier)?" + Number + @"|nino?|tax_?(id|identifier|number)|tin|steuer_?id|nir|personal_?id" + Number + @"|id_?card" + Number + @"|identity_?(number|card)", SensitiveKind.NationalId, DataClassification.Pii, TextOrNumber),
        Rule("passport", @"passport" + Number, SensitiveKind.Passport, DataClassification.Pii, TextOrNumber),
        Rule("license", @"(drivers?_?|driving_?)?licen[cs]e" + Number + @"|dl_?(number|num|no|nr)", SensitiveKind.DriversLicense, DataClassification.Pii, TextOrNumber),
        Rule("birth-date", @"dob|date_?of_?birth|birth_?date|birth_?day|birthday|born(_?on|_?at)?", SensitiveKind.BirthDate, DataClassification.Pii, Dates),
        Rule("ip", @"ip|ip_?addr(ess)?|ipv[46](_?addr(ess)?)?|remote_?addr(ess)?|client_?ip", SensitiveKind.IpAddress, DataClassification.Pii, Textual),
        Rule("email", @"e_?mail(_?addr(ess)?)?|mail_?addr(ess)?", SensitiveKind.Email, DataClassification.Pii, Textual),
        Rule("phone", @"(tele)?phone" + Number + @"|mobile" + Number + @"|cell(_?phone)?" + Number + @"|tel" + Number + @"|fax" + Number + @"|msisdn", SensitiveKind.Phone, DataClassification.Pii, TextOrNumber),
        Rule("first-name", @"first_?name|fname|given_?name|fore_?name|vorname", SensitiveKind.FirstName, DataClassification.Pii, Textual),
        Rule("last-name", @"last_?name|lname|sur_?name|family_?name|maiden_?name|nachname", SensitiveKind.LastName, DataClassification.Pii, Textual),
        Rule("full-name", @"full_?name|middle_?name|display_?name|contact_?name|customer_?name|person_?name|patient_?name|employee_?name|recipient_?name|billing_?name|shipping_?name", SensitiveKind.PersonName, DataClassification.Pii, Textual),
        Rule("username", @"user_?name|login(_?name)?|screen_?name|nick_?name", SensitiveKind.Username, DataClassification.Pii, Textual),
        Rule("street", @"street(_?address|_?name|_?line_?\d?)?|address_?line_?\d?|addr_?line_?\d?|house_?number", SensitiveKind.StreetAddress, DataClassification.Pii, Textual),
        Rule("address", @"(home_?|postal_?|mailing_?|billing_?|shipping_?|delivery_?)?addr(ess)?\d?", SensitiveKind.Address, DataClassification.Pii, Textual),
        Rule("city", @"city|town|municipality", SensitiveKind.City, DataClassification.Pii, Textual),
        Rule("postal-code", @"zip(_?code)?|postal_?code|post_?code|plz", SensitiveKind.PostalCode, DataClassification.Pii, TextOrNumber),
        Rule("secret", @"password|passwd|pwd|pass_?hash|password_?hash|secret|client_?secret|token|access_?token|refresh_?token|auth_?token|api_?key|access_?key|private_?key|secret_?key|session_?key|otp_?secret|pin", SensitiveKind.Secret, DataClassification.Secret, SecretTypes),
        Rule("salary", @"salary|salaries|wages?|income|compensation|pay_?rate|annual_?pay", SensitiveKind.Salary, DataClassification.Pii, TextOrNumber),
        Rule("health", @"diagnos[ie]s(_?code)?|medical(_\w+)?|medications?|prescriptions?|allerg(y|ies)|health(_\w+)?|icd_?\d*(_?code)?|treatments?|symptoms?|blood_?type|disabilit(y|ies)", SensitiveKind.Health, DataClassification.Phi, Records),
        Rule("gender", @"gender|sex", SensitiveKind.Gender, DataClassification.Pii, Anything),
        Rule("geolocation", @"lat|lng|lon|latitude|longitude|geo(_?location|_?point|_?position)?|gps(_?\w+)?|coordinates|coords", SensitiveKind.Geolocation, DataClassification.Pii, Anything),
        Rule("photo", @"photo|avatar|picture|portrait|selfie|face_?image|fingerprint|signature_?image", SensitiveKind.Photo, DataClassification.Pii, Images),
    ];

    /// <summary>What the column's name suggests, or null for names that suggest nothing.</summary>
    public static NameMatch? Classify(QualifiedName table, ColumnInfo column)
    {
        var words = Words(column.Name);
        foreach (var rule in Rules)
        {
            if (rule.Categories.Contains(column.Category) && rule.Pattern.IsMatch(words))
            {
                return new NameMatch(rule.Kind, rule.Classification, $"name: '{column.Name}' matches rule '{rule.Id}'");
            }
        }

        if (words == "name" && column.Category is ColumnCategory.Text && PersonTables.Contains(Words(table.Name)))
        {
            return new NameMatch(SensitiveKind.PersonName, DataClassification.Pii, $"name: 'name' in person table {table}");
        }

        return null;
    }

    /// <summary><c>billingPhoneNo</c>, <c>Billing-Phone No</c> and <c>billing_phone_no</c> all give <c>billing_phone_no</c>.</summary>
    internal static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var index = 0; index < name.Length; index++)
        {
            var character = name[index];
            if (!char.IsLetterOrDigit(character))
            {
                if (words.Length > 0 && words[^1] != '_')
                {
                    words.Append('_');
                }

                continue;
            }

            // A word starts at an upper-case letter after a lower-case one or a digit (camelCase), and at the last capital
            // of a run followed by lower case (HTTPServer → http_server).
            if (char.IsUpper(character) && index > 0 && words.Length > 0 && words[^1] != '_'
                && (char.IsLower(name[index - 1]) || char.IsDigit(name[index - 1]) || (index + 1 < name.Length && char.IsUpper(name[index - 1]) && char.IsLower(name[index + 1]))))
            {
                words.Append('_');
            }

            words.Append(char.ToLowerInvariant(character));
        }

        return words.ToString().TrimEnd('_');
    }

    private static NameRule Rule(string id, string pattern, SensitiveKind kind, DataClassification classification, ColumnCategory[] categories) =>
        new(id, new Regex($"(^|_)({pattern})(_|$)", RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(SensitiveFinder.MatchTimeoutMilliseconds)), kind, classification, categories);

    private sealed record NameRule(string Id, Regex Pattern, SensitiveKind Kind, DataClassification Classification, ColumnCategory[] Categories);
}
