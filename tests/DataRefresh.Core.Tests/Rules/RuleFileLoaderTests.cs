using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Rules;

public sealed class RuleFileLoaderTests
{
    [Fact]
    public void The_sample_rule_file_loads_with_every_strategy_and_table_option()
    {
        var file = RuleFileLoader.LoadFile(SampleFiles.CrmRules, "public");
        var tables = file.Tables;

        var customers = tables.Single(table => table.Table == new QualifiedName("public", "customers"));
        var byColumn = customers.Columns.ToDictionary(column => column.Column);
        Assert.Equal(UnlistedPolicy.Fail, file.Unlisted);
        Assert.Equal(MaskStrategy.Fake, byColumn["first_name"].Strategy);
        Assert.Equal("name.firstName", byColumn["first_name"].Rule.Mask.Text("faker"));
        Assert.Equal("en", byColumn["first_name"].Rule.Mask.Text("locale"));
        Assert.Equal("de", byColumn["last_name"].Rule.Mask.Text("locale"));
        Assert.Equal(Classification.Pii, byColumn["last_name"].Classification);
        Assert.Equal("crm-team", byColumn["last_name"].Owner);
        Assert.Equal(MaskStrategy.Null, byColumn["ssn"].Strategy);
        Assert.Equal("555-0100", byColumn["phone"].Rule.Mask.Text("value"));
        Assert.Equal(MaskStrategy.Hash, byColumn["email"].Strategy);
        Assert.Equal("person-email", byColumn["email"].Rule.EffectiveDomain);
        Assert.Equal(30, byColumn["birth_date"].Rule.Mask.Integer("days"));
        Assert.True(byColumn["id"].IsKeep);
        Assert.Equal("surrogate key, no personal data", byColumn["id"].Reason);
        Assert.Equal(RowSelection.None, tables.Single(table => table.Table.Name == "audit_trail").Rows);
        Assert.Contains("timestamptz '2024-06-01 00:00:00+00'", tables.Single(table => table.Table.Name == "orders").Where, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_schema_is_in_the_source_provider_s_default_schema()
    {
        using var files = new TempFiles();
        var path = files.Write("bare.yaml", "version: 1\ntables:\n  customers: { rows: none }\n  crm.orders: { rows: none }\n");

        Assert.Equal(["public.customers", "crm.orders"], RuleFileLoader.LoadFile(path, "public").Tables.Select(table => table.Table.ToString()));
        Assert.Equal(["dbo.customers", "crm.orders"], RuleFileLoader.LoadFile(path, "dbo").Tables.Select(table => table.Table.ToString()));
        Assert.Equal(new QualifiedName("main", "customers"), QualifiedName.Parse("customers", "main"));
    }

    [Theory]
    [InlineData("      first_name: { maks: fake, faker: name.firstName }", 5, "unknown key 'maks'", "did you mean 'mask'")]
    [InlineData("      first_name: { mask: fakee }", 5, "unknown mask 'fakee'", "did you mean 'fake'")]
    [InlineData("      first_name: { mask: fake, faker: name.frstName }", 5, "has no method 'frstName'", "did you mean 'firstName'")]
    [InlineData("      first_name: { mask: fake, faker: nam.firstName }", 5, "unknown Bogus dataset 'nam'", "did you mean 'name'")]
    [InlineData("      first_name: { mask: fake, faker: name.firstName, locale: xx_YY }", 5, "unknown locale 'xx_YY'", "Bogus knows")]
    [InlineData("      first_name: { mask: hash, days: 3 }", 5, "'days' does not apply to mask 'hash'", "takes no parameters")]
    [InlineData("      first_name: { mask: shift-date }", 5, "needs 'days'", "days: 30")]
    [InlineData("      first_name: { mask: constant }", 5, "needs 'value'", "value:")]
    [InlineData("      first_name: { mask: shift-date, days: many }", 5, "'days' must be a whole number", "from 1")]
    [InlineData("      first_name: { mask: fake", 6, "malformed YAML", "fix the syntax")]
    [InlineData("      first_name: { mask: fake, faker: name.firstName, emailDomain: mail.test }", 5, "'emailDomain' applies to the e-mail fakers", "not to name.firstName")]
    [InlineData("      email: { mask: fake, faker: internet.email, emailDomain: \"gmail\" }", 5, "must be a domain name such as mail.test", "free-mail")]
    public void A_bad_column_rule_is_a_located_error(string columnLine, int line, string problem, string advice)
    {
        using var files = new TempFiles();
        var path = files.Write("bad.yaml", $"version: 1\ntables:\n  public.customers:\n    columns:\n{columnLine}\n");

        var error = Assert.Throws<FileFormatException>(() => RuleFileLoader.LoadFile(path, "public").Tables);

        Assert.Equal(path, error.Location.File);
        Assert.Equal(line, error.Location.Line);
        Assert.StartsWith($"{path}:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidJobOrRules, error.ExitCode);
    }

    [Fact]
    public void An_email_domain_is_kept_with_the_mask_and_its_description()
    {
        using var files = new TempFiles();
        var path = files.Write("mail.yaml", "version: 1\ntables:\n  public.customers:\n    columns:\n      email: { mask: fake, faker: internet.email, emailDomain: free-mail }\n");

        var rule = RuleFileLoader.LoadFile(path, "public").Tables.Single().Columns.Single();

        Assert.Equal("free-mail", rule.Rule.Mask.Text("emailDomain"));
        Assert.Equal("fake faker=internet.email locale=en emailDomain=free-mail", rule.Rule.Mask.Describe());
    }

    [Fact]
    public void An_unknown_table_option_is_refused_not_ignored()
    {
        using var files = new TempFiles();
        var path = files.Write("bad.yaml", "version: 1\ntables:\n  public.orders: { wher: \"id > 5\" }\n");

        var error = Assert.Throws<FileFormatException>(() => RuleFileLoader.LoadFile(path, "public").Tables);

        Assert.Equal(3, error.Location.Line);
        Assert.Contains("unknown key 'wher'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'where'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_wrong_version_is_refused()
    {
        using var files = new TempFiles();
        var missing = files.Write("missing.yaml", "tables: {}\n");
        var wrong = files.Write("wrong.yaml", "version: 2\ntables: {}\n");

        Assert.Contains("no 'version'", Assert.Throws<FileFormatException>(() => RuleFileLoader.LoadFile(missing, "public")).Message, StringComparison.Ordinal);
        Assert.Contains("unsupported rule file version", Assert.Throws<FileFormatException>(() => RuleFileLoader.LoadFile(wrong, "public")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_described_in_two_files_names_both_places()
    {
        using var files = new TempFiles();
        var first = files.Write("a.yaml", "version: 1\ntables:\n  public.orders: { rows: none }\n");
        var second = files.Write("b.yaml", "version: 1\ntables:\n  orders: { rows: all }\n");

        var error = Assert.Throws<FileFormatException>(() => RuleFileLoader.Load([first, second], "public"));

        Assert.Equal(second, error.Location.File);
        Assert.Contains($"{first}:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rule_file_says_which()
    {
        var error = Assert.Throws<DataRefreshException>(() => RuleFileLoader.LoadFile("no/such/rules.yaml", "public"));

        Assert.Contains("no/such/rules.yaml", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidJobOrRules, error.ExitCode);
    }
}
