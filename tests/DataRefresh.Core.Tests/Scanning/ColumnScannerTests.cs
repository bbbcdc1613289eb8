using System.Globalization;
using System.Text.RegularExpressions;
using DataRefresh.Core.Detection;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Scanning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Scanning;

public sealed partial class ColumnScannerTests
{
    private static readonly QualifiedName Customers = new("public", "customers");

    private static ColumnInfo Column(string name, ColumnCategory category = ColumnCategory.Text, bool notNull = false, bool generated = false) =>
        new(name, "t", category switch { ColumnCategory.Text => "text", ColumnCategory.Date => "date", ColumnCategory.Boolean => "bool", ColumnCategory.Timestamp => "timestamp", ColumnCategory.Integer => "int8", _ => "inet" }, category, null, notNull, generated);

    [Theory]
    [InlineData("email", SensitiveKind.Email, DataClassification.Pii, "email")]
    [InlineData("customer_email", SensitiveKind.Email, DataClassification.Pii, "email")]
    [InlineData("contactEmailAddress", SensitiveKind.Email, DataClassification.Pii, "email")]
    [InlineData("billing_phone_no", SensitiveKind.Phone, DataClassification.Pii, "phone")]
    [InlineData("MobileNumber", SensitiveKind.Phone, DataClassification.Pii, "phone")]
    [InlineData("first_name", SensitiveKind.FirstName, DataClassification.Pii, "first-name")]
    [InlineData("lastName", SensitiveKind.LastName, DataClassification.Pii, "last-name")]
    [InlineData("surname", SensitiveKind.LastName, DataClassification.Pii, "last-name")]
    [InlineData("full_name", SensitiveKind.PersonName, DataClassification.Pii, "full-name")]
    [InlineData("card_holder", SensitiveKind.PersonName, DataClassification.Pci, "card-holder")]
    [InlineData("card_number", SensitiveKind.Card, DataClassification.Pci, "card")]
    [InlineData("credit_card", SensitiveKind.Card, DataClassification.Pci, "card")]
    [InlineData("pan", SensitiveKind.Card, DataClassification.Pci, "card")]
    [InlineData("cvv", SensitiveKind.CardSecurityCode, DataClassification.Pci, "card-security-code")]
    [InlineData("iban", SensitiveKind.Iban, DataClassification.Pci, "iban")]
    [InlineData("bank_account_number", SensitiveKind.AccountNumber, DataClassification.Pci, "account-number")]
    [InlineData("bic", SensitiveKind.Bic, DataClassification.Pci, "bic")]
    [InlineData("ssn", SensitiveKind.NationalId, DataClassification.Pii, "ssn")]
    [InlineData("social_security_number", SensitiveKind.NationalId, DataClassification.Pii, "ssn")]
    [InlineData("tax_id", SensitiveKind.NationalId, DataClassification.Pii, "national-id")]
    [InlineData("nin", SensitiveKind.NationalId, DataClassification.Pii, "national-id")]
    [InlineData("passport_no", SensitiveKind.Passport, DataClassification.Pii, "passport")]
    [InlineData("drivers_license", SensitiveKind.DriversLicense, DataClassification.Pii, "license")]
    [InlineData("street", SensitiveKind.StreetAddress, DataClassification.Pii, "street")]
    [InlineData("address_line_1", SensitiveKind.StreetAddress, DataClassification.Pii, "street")]
    [InlineData("shipping_address", SensitiveKind.Address, DataClassification.Pii, "address")]
    [InlineData("city", SensitiveKind.City, DataClassification.Pii, "city")]
    [InlineData("zip", SensitiveKind.PostalCode, DataClassification.Pii, "postal-code")]
    [InlineData("postcode", SensitiveKind.PostalCode, DataClassification.Pii, "postal-code")]
    [InlineData("ip_address", SensitiveKind.IpAddress, DataClassification.Pii, "ip")]
    [InlineData("password_hash", SensitiveKind.Secret, DataClassification.Secret, "secret")]
    [InlineData("apiKey", SensitiveKind.Secret, DataClassification.Secret, "secret")]
    [InlineData("refresh_token", SensitiveKind.Secret, DataClassification.Secret, "secret")]
    [InlineData("salary", SensitiveKind.Salary, DataClassification.Pii, "salary")]
    [InlineData("diagnosis", SensitiveKind.Health, DataClassification.Phi, "health")]
    [InlineData("medical_notes", SensitiveKind.Health, DataClassification.Phi, "health")]
    [InlineData("gender", SensitiveKind.Gender, DataClassification.Pii, "gender")]
    [InlineData("latitude", SensitiveKind.Geolocation, DataClassification.Pii, "geolocation")]
    [InlineData("username", SensitiveKind.Username, DataClassification.Pii, "username")]
    [InlineData("login", SensitiveKind.Username, DataClassification.Pii, "username")]
    [InlineData("photo", SensitiveKind.Photo, DataClassification.Pii, "photo")]
    public void Column_names_suggest_a_kind_and_classification_with_the_rule_as_evidence(string column, SensitiveKind kind, DataClassification classification, string rule)
    {
        var match = ColumnNameClassifier.Classify(Customers, Column(column));

        Assert.NotNull(match);
        Assert.Equal((kind, classification), (match.Kind, match.Classification));
        Assert.Equal($"name: '{column}' matches rule '{rule}'", match.Evidence);
    }

    [Theory]
    [InlineData("id", ColumnCategory.Integer)]
    [InlineData("status", ColumnCategory.Text)]
    [InlineData("created_at", ColumnCategory.Timestamp)]
    [InlineData("email_verified", ColumnCategory.Boolean)] // an e-mail word, but a flag
    [InlineData("last_login", ColumnCategory.Timestamp)] // a login word, but a time
    [InlineData("shipping_method", ColumnCategory.Text)] // "pin" inside a word is not a PIN
    [InlineData("card_type", ColumnCategory.Text)]
    [InlineData("company_name", ColumnCategory.Text)]
    [InlineData("product_name", ColumnCategory.Text)]
    [InlineData("file_name", ColumnCategory.Text)]
    [InlineData("name", ColumnCategory.Text)] // products have names too
    [InlineData("description", ColumnCategory.Text)]
    [InlineData("amount", ColumnCategory.Integer)]
    public void Ordinary_column_names_suggest_nothing(string column, ColumnCategory category) =>
        Assert.Null(ColumnNameClassifier.Classify(new QualifiedName("public", "products"), Column(column, category)));

    [Fact]
    public void A_bare_name_column_is_a_person_only_in_a_person_table()
    {
        Assert.Equal(SensitiveKind.PersonName, ColumnNameClassifier.Classify(new QualifiedName("crm", "Employees"), Column("name"))?.Kind);
        Assert.Null(ColumnNameClassifier.Classify(new QualifiedName("crm", "products"), Column("name")));
    }

    [Fact]
    public void Content_flags_whole_values_above_the_threshold_with_the_rate_as_evidence()
    {
        var cards = Enumerable.Range(0, 100).Select(index => index < 96 ? (object)"4111 1111 1111 1111" : "n/a").Append(null).ToList();

        var match = ColumnContentClassifier.Classify(cards);

        Assert.NotNull(match);
        Assert.Equal(SensitiveKind.Card, match.Kind);
        Assert.Equal(DataClassification.Pci, match.Classification);
        Assert.Equal("content: 96% (96 of 100) sampled values are Luhn-valid card numbers", match.Evidence);
        Assert.False(match.IsFreeText);

        // Below the whole-value threshold a column is judged as text that contains items, with the lower threshold.
        var some = ColumnContentClassifier.Classify(Enumerable.Range(0, 100).Select(index => index < 20 ? "4111 1111 1111 1111" : "n/a"));
        Assert.True(some is { IsFreeText: true, Kind: SensitiveKind.Card });
        Assert.Null(ColumnContentClassifier.Classify(Enumerable.Range(0, 100).Select(index => index < 4 ? "4111 1111 1111 1111" : "n/a")));
    }

    [Fact]
    public void Content_finds_names_from_the_Bogus_lists_and_tells_first_from_last_names()
    {
        string[] first = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas"];
        string[] last = ["Meyer", "Schmidt", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Wolf"];

        Assert.Equal(SensitiveKind.FirstName, ColumnContentClassifier.Classify(first)?.Kind);
        Assert.Equal(SensitiveKind.LastName, ColumnContentClassifier.Classify(last)?.Kind);
        Assert.Equal(SensitiveKind.PersonName, ColumnContentClassifier.Classify(first.Zip(last, (a, b) => $"{a} {b}"))?.Kind);
        Assert.Null(ColumnContentClassifier.Classify(["active", "inactive", "banned", "active"]));
    }

    [Fact]
    public void Free_text_with_a_few_findings_is_flagged_for_redact_text()
    {
        var notes = Enumerable.Range(0, 40)
            .Select(index => index switch
            {
                0 => "Customer asked to be called on +49 30 1234567 after 5pm.",
                1 => "New address confirmed, e-mail jane.doe@example.org, phone +49 30 7654321.",
                _ => $"Order {index} shipped on 2024-01-{1 + (index % 28):00} in 2 boxes, total {index * 3.5:0.00} EUR.",
            })
            .ToList();

        var table = new TableInfo(Customers, [Column("id", ColumnCategory.Integer), Column("notes")], [], 40, false);
        var finding = Assert.Single(ColumnScanner.Scan(table, [.. notes.Select((note, index) => new object?[] { (long)index, note })]));

        Assert.Equal("notes", finding.Column.Name);
        Assert.Equal(SensitiveKind.Phone, finding.Kind);
        Assert.Equal("content: 5% (2 of 40) sampled values contain phone numbers (2), e-mail addresses (1)", Assert.Single(finding.Evidence));
        Assert.Equal("redact-text find: [email, phone]", finding.Suggestion.Describe());
    }

    [Fact]
    public void An_array_column_is_classified_by_its_elements()
    {
        var element = Column("aliases");
        var aliases = new ColumnInfo("aliases", "text[]", "_text", ColumnCategory.Array, null, false, false, Element: element);
        var table = new TableInfo(Customers, [Column("id", ColumnCategory.Integer), aliases], [], 3, false);
        object?[][] sample =
        [
            [1L, new object?[] { "anna@example.com", "a.meyer@example.org" }],
            [2L, new object?[] { "ben@example.com", null }],
            [3L, null],
        ];

        var finding = Assert.Single(ColumnScanner.Scan(table, sample));

        Assert.Equal(SensitiveKind.Email, finding.Kind);
        Assert.Equal("fake internet.email", finding.Suggestion.Describe());
    }

    [Fact]
    public void The_scanner_combines_name_and_content_and_suggests_a_rule_per_kind()
    {
        var table = new TableInfo(
            Customers,
            [
                Column("id", ColumnCategory.Integer, notNull: true), Column("contact"), Column("first_name", notNull: true), Column("birth_date", ColumnCategory.Date),
                Column("card_number", notNull: true), Column("api_token", notNull: true), Column("last_ip", ColumnCategory.Other, notNull: true), Column("status"),
            ],
            [],
            3,
            false);
        object?[][] sample =
        [
            [1L, "anna@example.com", "Anna", new DateOnly(1980, 1, 2), "4111111111111111", "t0k3n", "192.0.2.1", "active"],
            [2L, "ben@example.com", "Ben", null, "4111111111111112", "t0k3n", "192.0.2.2", "inactive"],
            [3L, "clara@example.com", "Clara", new DateOnly(1990, 3, 4), "4111111111111113", "t0k3n", "192.0.2.3", "active"],
        ];

        var findings = ColumnScanner.Scan(table, sample).ToDictionary(finding => finding.Column.Name);

        Assert.Equal(["contact", "first_name", "birth_date", "card_number", "api_token", "last_ip"], findings.Keys);
        Assert.Equal(SensitiveKind.Email, findings["contact"].Kind);
        Assert.Equal("fake internet.email", findings["contact"].Suggestion.Describe());
        Assert.Equal(["name: 'first_name' matches rule 'first-name'", "content: 100% (3 of 3) sampled values are first names from Bogus' name lists"], findings["first_name"].Evidence);
        Assert.Equal("fake name.firstName", findings["first_name"].Suggestion.Describe());
        Assert.Equal("generalize-date to: year", findings["birth_date"].Suggestion.Describe());
        Assert.Equal("card", findings["card_number"].Suggestion.Describe());
        Assert.Equal("content: 33% (1 of 3) sampled values are Luhn-valid card numbers", findings["card_number"].Evidence[1]);
        Assert.Equal("hash", findings["api_token"].Suggestion.Describe());
        Assert.Null(findings["last_ip"].Suggestion.Mask);
        Assert.Contains("cannot be masked yet", findings["last_ip"].Suggestion.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_names_the_rule_that_covers_a_column()
    {
        var here = new SourceLocation("rules/crm.yaml", 7, 7);
        var coverage = new RuleCoverage(
        [
            new TableRule(Customers, new SourceLocation("rules/crm.yaml", 5, 3), [ColumnRule.Of("email", MaskStrategy.Hash) with { Location = here }]),
            new TableRule(new QualifiedName("public", "audit"), new SourceLocation("rules/crm.yaml", 9, 3), [], RowSelection.None),
        ]);

        Assert.Equal("rules/crm.yaml:7:7: hash", coverage.Covering(Customers, Column("email")));
        Assert.Null(coverage.Covering(Customers, Column("phone")));
        Assert.Equal("rules/crm.yaml:9:3: rows: none", coverage.Covering(new QualifiedName("public", "audit"), Column("ip")));
        Assert.Equal("generated column, recomputed on the target", coverage.Covering(Customers, Column("full_name", generated: true)));
        Assert.Null(coverage.Covering(new QualifiedName("public", "other"), Column("email")));
    }

    [Fact]
    public void The_draft_is_valid_yaml_with_a_rule_per_column_and_no_values()
    {
        using var files = new TempFiles();
        var findings = DraftFindings();
        var path = Path.Combine(files.Directory, "draft.yaml");

        WriteDraft(path, output => RuleDraftWriter.Write(output, findings, "environment 'prod'"));

        var draft = File.ReadAllText(path);
        Assert.StartsWith("# DRAFT", draft, StringComparison.Ordinal);
        Assert.Contains("\"email\": { mask: \"fake\", faker: \"internet.email\", classification: \"pii\", reason: \"drafted by scan: name: 'email' matches rule 'email'\" }", draft, StringComparison.Ordinal);
        Assert.Contains("\"odd \\\"name\\\"\": { mask: \"redact-text\", find: [\"email\", \"phone\"]", draft, StringComparison.Ordinal);
        Assert.Contains("# \"last_ip\": no strategy fits yet", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void The_draft_loads_back_as_rules()
    {
        using var files = new TempFiles();
        var path = Path.Combine(files.Directory, "draft.yaml");
        WriteDraft(path, output => RuleDraftWriter.Write(output, DraftFindings(), "environment 'prod'"));

        var loaded = RuleFileLoader.LoadFile(path, "public");
        AssertDraftedRules(loaded.Tables);
        Assert.Equal(5, loaded.Draft?.Line);
    }

    [Fact]
    public void A_draft_is_refused_by_name_and_line_until_its_mark_is_deleted()
    {
        using var files = new TempFiles();
        var path = Path.Combine(files.Directory, "draft.yaml");
        WriteDraft(path, output => RuleDraftWriter.Write(output, DraftFindings(), "environment 'prod'"));

        var refused = Assert.Throws<FileFormatException>(() => RuleFileLoader.Load([path], "public").EnsureReviewed("run"));
        Assert.Equal(ExitCodes.InvalidJobOrRules, refused.ExitCode);
        Assert.StartsWith($"{path}:5:1: this rule file is a draft, so run refuses it", refused.Message, StringComparison.Ordinal);

        File.WriteAllLines(path, File.ReadAllLines(path).Where(line => !line.StartsWith("draft:", StringComparison.Ordinal)));
        var reviewed = RuleFileLoader.Load([path], "public");
        reviewed.EnsureReviewed("run");
        Assert.Empty(reviewed.Drafts);
    }

    [Fact]
    public void The_complete_draft_lists_every_column_masking_the_findings_and_keeping_the_rest_with_a_reason()
    {
        using var files = new TempFiles();
        var path = Path.Combine(files.Directory, "all.yaml");
        var findings = DraftFindings();
        var table = new TableInfo(Customers, [.. findings.Select(finding => finding.Column), Column("status"), Column("created_at"), Column("full_name", generated: true)], [], 3, false);

        WriteDraft(path, output => RuleDraftWriter.WriteComplete(output, new DatabaseSchema([table]), findings, 1000, "environment 'prod'"));

        var text = File.ReadAllText(path);
        Assert.StartsWith("# DRAFT rules written by 'datarefresh init' from environment 'prod'", text, StringComparison.Ordinal);
        Assert.Contains("\"status\": { mask: \"keep\", classification: \"internal\", reason: \"drafted by init: nothing personal in its name or in up to 1000 sampled values\" }", text, StringComparison.Ordinal);
        var loaded = RuleFileLoader.LoadFile(path, "public");
        Assert.NotNull(loaded.Draft);
        var rules = Assert.Single(loaded.Tables).Columns.ToDictionary(rule => rule.Column);
        Assert.Equal(MaskStrategy.Keep, rules["created_at"].Rule.Mask.Strategy);
        Assert.Equal(MaskStrategy.Fake, rules["email"].Rule.Mask.Strategy);
        // Every column is there, except the one no strategy fits (a comment, so default-deny stops the run on it) and the
        // generated one (a comment: the target computes it).
        Assert.Equal(table.Columns.Count - 2, rules.Count);
        Assert.Contains("# \"full_name\": generated column, recomputed on the target", text, StringComparison.Ordinal);
        Assert.Contains("# \"last_ip\": no strategy fits yet", text, StringComparison.Ordinal);
    }

    private static void AssertDraftedRules(IReadOnlyList<TableRule> tables)
    {
        var table = Assert.Single(tables);
        Assert.Equal(Customers, table.Table);
        Assert.Equal(["email", "birth_date", "phone", "odd \"name\""], table.Columns.Select(column => column.Column));
    }

    /// <summary>A draft as the command line writes it: "\n" line ends (the file's replacement rules are tested there).</summary>
    private static void WriteDraft(string path, Action<TextWriter> write)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(text);
        File.WriteAllText(path, text.ToString());
    }

    private static ScanFinding[] DraftFindings() =>
    [
        new(Customers, Column("email"), SensitiveKind.Email, DataClassification.Pii, ["name: 'email' matches rule 'email'"], new SuggestedRule("fake", Faker: "internet.email")),
        new(Customers, Column("birth_date", ColumnCategory.Date), SensitiveKind.BirthDate, DataClassification.Pii, ["name: 'birth_date' matches rule 'birth-date'"], new SuggestedRule("generalize-date", To: "year")),
        new(Customers, Column("phone"), SensitiveKind.Phone, DataClassification.Pii, ["content: 90% (9 of 10) sampled values are phone numbers"], new SuggestedRule("format-preserving")),
        new(Customers, Column("odd \"name\""), SensitiveKind.Email, DataClassification.Pii, ["content: 5% (1 of 20) sampled values contain e-mail addresses (1)"], new SuggestedRule("redact-text", Find: ["email", "phone"])),
        new(Customers, Column("last_ip", ColumnCategory.Other, notNull: true), SensitiveKind.IpAddress, DataClassification.Pii, ["name: 'last_ip' matches rule 'ip'"], new SuggestedRule(null, Note: "inet columns cannot be masked yet")),
    ];
}
