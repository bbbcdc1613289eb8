using DataRefresh.Core.Approvals;
using DataRefresh.Core.Detection;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Reporting;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Reporting;

/// <summary>The report model without a database: the cases the sample database does not have (inherited keys, resolved collisions, conditions).</summary>
public sealed class ReportModelTests
{
    private static readonly SourceLocation Here = new("test.yaml", 1, 1);
    private static readonly QualifiedName Parent = new("public", "parent");
    private static readonly QualifiedName Child = new("public", "child");

    [Fact]
    public void Inherited_keys_resolved_collisions_and_unsafe_unique_masks_are_told_apart()
    {
        var schema = new DatabaseSchema(
        [
            new TableInfo(Parent, [Text("code"), Text("email"), Text("nickname")], [], 10, false, [["code"], ["email"]]),
            new TableInfo(Child, [Text("parent_code"), Text("note")], [new ForeignKeyInfo("child_parent_fkey", ["parent_code"], Parent, ["code"])], 10, false),
        ]);
        var rules = new RuleSet(["test.yaml"],
        [
            new TableRule(Parent, Here,
            [
                ColumnRule.Of("code", MaskStrategy.Fake, ("faker", "name.firstName")) with { Classification = Classification.Internal },
                ColumnRule.Of("email", MaskStrategy.Partial, ("keepFirst", 2)),
                ColumnRule.Of("nickname", MaskStrategy.Keep) with { Reason = "nobody's" },
            ]),
        ], UnlistedPolicy.Warn);

        var report = RuleReportBuilder.Build(RefreshPlanner.Check(schema, rules), rules, "test", "nowhere", DateTimeOffset.UnixEpoch);

        var columns = report.Columns.ToDictionary(column => column.QualifiedColumn);
        Assert.Equal(UniqueHandling.Resolved, columns["public.parent.code"].Unique!.Handling);
        Assert.Equal(UniqueHandling.Unsafe, columns["public.parent.email"].Unique!.Handling);
        Assert.Equal(ColumnTreatment.Inherited, columns["public.child.parent_code"].Treatment);
        Assert.Equal("inherited from public.parent.code (child_parent_fkey): fake faker=name.firstName locale=en", columns["public.child.parent_code"].Strategy);
        Assert.Equal(MaskDeterminism.Keyed, columns["public.child.parent_code"].Determinism);
        Assert.Equal(ColumnTreatment.Unlisted, columns["public.child.note"].Treatment);
        Assert.Equal(RuleReportBuilder.UnlistedStrategy, columns["public.child.note"].Strategy);
        Assert.Equal("name suggests a person's name", columns["public.parent.nickname"].Suspicion);
        Assert.Null(columns["public.parent.code"].Suspicion); // masked columns are never suspicious
        var coverage = report.Coverage;
        Assert.Equal(
            (Tables: 2, TablesWithRules: 1, Columns: 5, Masked: 2, Inherited: 1, Kept: 1, Unlisted: 1, UniqueResolved: 1, UniqueInjective: 0),
            (coverage.Tables, coverage.TablesWithRules, coverage.Columns, coverage.Masked, coverage.Inherited, coverage.Kept, coverage.Unlisted, coverage.UniqueResolved, coverage.UniqueInjective));
        Assert.Equal([new ClassificationCount("internal", 1), new ClassificationCount("unclassified", 4)], coverage.ByClassification);
        Assert.Contains(report.Findings, finding => finding.Severity == FindingSeverity.Error && finding.Message.Contains("public.parent.email must stay unique", StringComparison.Ordinal));
        Assert.Contains(report.Findings, finding => finding.Severity == FindingSeverity.Warning && finding.Message.Contains("note", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_the_latest_scan_flagged_are_suspicious_first_with_its_evidence_and_masked_ones_never()
    {
        var schema = new DatabaseSchema([new TableInfo(Parent, [Text("code"), Text("nickname"), Text("remarks")], [], 10, false)]);
        var rules = new RuleSet(["test.yaml"], [new TableRule(Parent, Here, [ColumnRule.Of("code", MaskStrategy.Null), ColumnRule.Of("nickname", MaskStrategy.Keep)])], UnlistedPolicy.Warn);
        var scan = new ScanRecord("test", new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero), 100,
        [
            new FlaggedColumn(Parent, "remarks", SensitiveKind.Phone, ["content: 30% (30 of 100) sampled values are phone numbers"]),
            new FlaggedColumn(Parent, "code", SensitiveKind.NationalId, ["name: 'code'"]),
        ]);

        var report = RuleReportBuilder.Build(RefreshPlanner.Check(schema, rules), rules, "test", "nowhere", DateTimeOffset.UnixEpoch, scan);

        Assert.Equal(["public.parent.remarks", "public.parent.nickname"], report.Suspicious.Select(column => column.QualifiedColumn));
        Assert.Equal("the scan of 2026-01-02 03:04 UTC: looks like phone (content: 30% (30 of 100) sampled values are phone numbers)", report.Suspicious[0].Suspicion);
        Assert.True(report.Suspicious[0].FlaggedByScan);
        Assert.Equal("name suggests a person's name", report.Suspicious[1].Suspicion);
        Assert.False(report.Suspicious[1].FlaggedByScan);
        Assert.Null(report.Columns.Single(column => column.Column == "code").Suspicion);
    }

    [Fact]
    public void A_conditional_mask_shows_the_determinism_of_both_branches()
    {
        var otherwise = new MaskRule(MaskDefinition.Of(MaskStrategy.Null), null, null, null, Here);
        var rule = new MaskRule(MaskDefinition.Of(MaskStrategy.Hash), null, new RowCondition([new ConditionTerm("status", ["banned"])]), otherwise, Here);

        Assert.Equal("when status = banned: deterministic under the masking key; otherwise: deterministic (no key)", MaskDeterminism.Describe(rule));
        Assert.Equal(MaskDeterminism.Plain, MaskDeterminism.Describe(MaskDefinition.Of(MaskStrategy.RedactText, ("replacement", "[x]"))));
        Assert.Equal(MaskDeterminism.Keyed, MaskDeterminism.Describe(MaskDefinition.Of(MaskStrategy.RedactText)));
        var json = MaskDefinition.Of(MaskStrategy.Json, ("paths", new List<JsonPathRule> { new("$.a", [new JsonPathStep("a", -1)], rule) }));
        Assert.Equal(MaskDeterminism.Keyed, MaskDeterminism.Describe(json));
    }

    [Fact]
    public void The_diff_sees_policy_table_and_column_changes_but_not_moved_rules()
    {
        var before = new RuleSet(["old.yaml"], [new TableRule(Parent, Here, [ColumnRule.Of("code", MaskStrategy.Hash)])], UnlistedPolicy.Keep);
        var after = new RuleSet(["new.yaml"],
        [
            new TableRule(Parent, new SourceLocation("new.yaml", 9, 9), [ColumnRule.Of("code", MaskStrategy.Hash) with { Location = new("new.yaml", 10, 3), Owner = "crm" }], Where: "id > 1"),
            new TableRule(Child, Here, [], RowSelection.None),
        ]);

        var diff = RuleDiff.Compare(before, after, []);

        Assert.Equal(
            [
                new RuleChange("rule set", "unlisted", "keep", "fail"),
                new RuleChange("public.child", "table rules added", "none", "test.yaml:1:1"),
                new RuleChange("public.child", "rows", "all", "none"),
                new RuleChange("public.parent", "where", "none", "id > 1"),
                new RuleChange("public.parent.code", "owner", "none", "crm"),
            ],
            diff.Changes);
    }

    [Theory]
    [InlineData("nickname", true)]
    [InlineData("home_ip", true)]
    [InlineData("CustomerEmail", true)]
    [InlineData("shipping_status", false)]
    [InlineData("customer_id", false)]
    [InlineData("created_at", false)]
    public void Column_names_that_suggest_personal_data_are_flagged(string name, bool flagged) =>
        Assert.Equal(flagged, SuspiciousColumns.Why(Parent, Text(name)) is not null);

    private static ColumnInfo Text(string name) => new(name, "text", "text", ColumnCategory.Text, null, NotNull: false, IsGenerated: false);
}
