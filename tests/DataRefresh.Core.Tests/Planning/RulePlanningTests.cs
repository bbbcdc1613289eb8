using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Planning;

/// <summary>Rule files (YAML, as users write them) checked against a schema: keys, uniqueness, domains and default-deny.</summary>
public sealed class RulePlanningTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private static ColumnInfo Text(string name, int? maxLength = null) => new(name, "text", "text", ColumnCategory.Text, maxLength, false, false);

    private static readonly DatabaseSchema Schema = new(
    [
        new TableInfo(QualifiedName.Parse("accounts", "public"), [Text("code"), Text("email"), Text("note")], [], 10, false, [["code"], ["email"]]),
        new TableInfo(QualifiedName.Parse("invoices", "public"), [Text("id"), Text("account_code")], [new ForeignKeyInfo("invoices_account_fk", ["account_code"], QualifiedName.Parse("accounts", "public"), ["code"])], 10, false, [["id"]]),
        new TableInfo(QualifiedName.Parse("notes", "public"), [Text("body")], [], 10, false),
    ]);

    private RefreshPlan Check(string tables, string policy = "keep") =>
        RefreshPlanner.Check(Schema, RuleFileLoader.Load([files.Write("rules.yaml", $"version: 1\nunlisted: {policy}\ntables:\n{tables}")], "public"));

    private static ColumnPlan Column(RefreshPlan plan, string table, string column) =>
        plan.Tables.Single(candidate => candidate.Table.Name.Name == table).Columns.Single(candidate => candidate.Column.Name == column);

    [Fact]
    public void A_masked_key_is_inherited_by_the_foreign_keys_that_reference_it()
    {
        var plan = Check("  accounts:\n    columns:\n      code: { mask: hash }\n");

        var reference = Column(plan, "invoices", "account_code");
        Assert.Empty(plan.Errors);
        Assert.True(reference.IsMasked);
        Assert.Equal(Column(plan, "accounts", "code").Mask!.EffectiveDomain, reference.Mask!.EffectiveDomain);
        Assert.Equal("public.accounts.code (invoices_account_fk)", reference.InheritedFrom);
    }

    [Theory]
    [InlineData("  accounts:\n    columns:\n      code: { mask: hash }\n  invoices:\n    columns:\n      account_code: { mask: fake, faker: name.lastName }\n", "mask public.invoices.account_code the same way")]
    [InlineData("  invoices:\n    columns:\n      account_code: { mask: hash }\n", "is copied as it is, so the foreign key would fail")]
    [InlineData("  accounts:\n    columns:\n      code: { mask: hash, when: { note: x }, otherwise: { mask: keep } }\n      note: { mask: keep, reason: r }\n", "reads other columns")]
    public void Masks_that_would_break_a_join_are_refused(string tables, string expected)
    {
        var plan = Check(tables.Replace("otherwise: { mask: keep }", "otherwise: { mask: hash }", StringComparison.Ordinal));

        Assert.Contains(plan.Errors, finding => finding.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("email: { mask: fake, faker: internet.email }", null)]
    [InlineData("email: { mask: hash }", null)]
    [InlineData("email: { mask: partial, keepFirst: 2 }", "can repeat values")]
    [InlineData("email: { mask: constant, value: x }", "can repeat values")]
    public void Unique_columns_get_collision_free_masks_or_an_error(string rule, string? expected)
    {
        var plan = Check($"  accounts:\n    columns:\n      {rule}\n");

        if (expected is null)
        {
            Assert.Empty(plan.Errors);
            Assert.True(Column(plan, "accounts", "email").Unique);
        }
        else
        {
            Assert.Contains(plan.Errors, finding => finding.Message.Contains(expected, StringComparison.Ordinal) && finding.Location!.Line == 6);
        }

        Assert.Equal(rule.Contains("fake", StringComparison.Ordinal), plan.UniqueDomains.Any(domain => domain.Describe() == "public.accounts.email"));
    }

    [Fact]
    public void A_hash_cut_shorter_than_its_128_bits_cannot_guarantee_a_unique_column()
    {
        var schema = new DatabaseSchema([new TableInfo(QualifiedName.Parse("t", "public"), [Text("code", maxLength: 8)], [], 1, false, [["code"]])]);
        var rules = RuleFileLoader.Load([files.Write("short.yaml", "version: 1\ntables:\n  t:\n    columns:\n      code: { mask: hash }\n")], "public");

        Assert.Contains(RefreshPlanner.Check(schema, rules).Errors, finding => finding.Message.Contains("must stay unique", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_in_one_domain_must_share_one_mask()
    {
        var plan = Check("  accounts:\n    columns:\n      email: { mask: hash, domain: person-email }\n  notes:\n    columns:\n      body: { mask: fake, faker: internet.email, domain: person-email }\n");

        var error = Assert.Single(plan.Errors);
        Assert.Contains("domain 'person-email' is masked as 'hash'", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Location!.Line);
    }

    [Theory]
    [InlineData("fail", FindingSeverity.Error)]
    [InlineData("warn", FindingSeverity.Warning)]
    public void Default_deny_names_every_column_no_rule_masks_or_keeps(string policy, FindingSeverity severity)
    {
        var plan = Check("  accounts:\n    columns:\n      code: { mask: hash }\n      email: { mask: keep, reason: test }\n  notes: { rows: none }\n", policy);

        // invoices.account_code inherits the mask of accounts.code, so only invoices.id is unlisted there; notes copies no rows.
        Assert.Equal(2, plan.Findings.Count);
        Assert.All(plan.Findings, finding => Assert.Equal(severity, finding.Severity));
        Assert.Contains(plan.Findings, finding => finding.Message.StartsWith($"public.accounts has a column no rule masks or keeps: note (unlisted: {policy})", StringComparison.Ordinal));
        Assert.Contains(plan.Findings, finding => finding.Message.StartsWith($"public.invoices has a column no rule masks or keeps: id (", StringComparison.Ordinal));
    }

    [Fact]
    public void Conditions_and_templates_must_read_columns_the_table_has()
    {
        var plan = Check("  accounts:\n    columns:\n      note:\n        when: { stauts: x }\n        mask: keep\n        otherwise: { mask: template, template: \"{emial}\" }\n        reason: r\n");

        Assert.Contains(plan.Errors, finding => finding.Message.Contains("reads column 'stauts'", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, finding => finding.Message.Contains("reads column 'emial', which the table does not have (did you mean 'email'?)", StringComparison.Ordinal));
    }
}
