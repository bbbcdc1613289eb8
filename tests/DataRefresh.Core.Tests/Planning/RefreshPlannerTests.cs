using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Planning;

public sealed class RefreshPlannerTests
{
    private static readonly SourceLocation At = new("rules/crm.yaml", 7, 7);

    private static ColumnInfo Column(string name, ColumnCategory category = ColumnCategory.Text, bool generated = false) =>
        new(name, category == ColumnCategory.Integer ? "bigint" : "text", category == ColumnCategory.Integer ? "int8" : "text", category, null, false, generated);

    private static TableInfo Table(string name, long rows, IReadOnlyList<ColumnInfo> columns, params ForeignKeyInfo[] foreignKeys) =>
        new(QualifiedName.Parse(name, "public"), columns, foreignKeys, rows, false);

    private static ForeignKeyInfo References(string table) => new($"fk_{table}", ["parent_id"], QualifiedName.Parse(table, "public"), ["id"]);

    private static readonly DatabaseSchema Schema = new(
    [
        Table("customers", 1000, [Column("id", ColumnCategory.Integer), Column("first_name"), Column("full_name", generated: true)]),
        Table("orders", 2000, [Column("id", ColumnCategory.Integer), Column("parent_id", ColumnCategory.Integer)], References("customers")),
        Table("payments", 500, [Column("id", ColumnCategory.Integer), Column("parent_id", ColumnCategory.Integer)], References("orders")),
        Table("countries", 10, [Column("code")]),
    ]);

    private static RuleSet Rules(params TableRule[] tables) => new(["rules/crm.yaml"], tables, UnlistedPolicy.Keep);

    private static ColumnRule Rule(string column, MaskStrategy strategy, SourceLocation location, params (string Name, object Value)[] parameters)
    {
        var mask = MaskDefinition.Of(strategy, parameters) with { Location = location };
        return new ColumnRule(column, new MaskRule(mask, null, null, null, location), location);
    }

    [Fact]
    public void Tables_load_largest_first_and_only_masked_tables_are_decoded()
    {
        var plan = RefreshPlanner.Plan(Schema, Rules(new TableRule(QualifiedName.Parse("customers", "public"), At, [Rule("first_name", MaskStrategy.Hash, At)])));

        Assert.Equal(["public.orders", "public.customers", "public.payments", "public.countries"], plan.Tables.Select(table => table.Table.Name.ToString()));
        Assert.False(plan.Tables.Single(table => table.Table.Name.Name == "customers").IsRaw);
        Assert.All(plan.Tables.Where(table => table.Table.Name.Name != "customers"), table => Assert.True(table.IsRaw));
        Assert.Equal(1, plan.MaskedColumnCount);
    }

    [Fact]
    public void Generated_columns_are_not_copied()
    {
        var plan = RefreshPlanner.Plan(Schema, Rules());

        Assert.DoesNotContain(plan.Tables.Single(table => table.Table.Name.Name == "customers").Columns, column => column.Column.Name == "full_name");
    }

    [Fact]
    public void Every_mismatch_is_reported_at_once_with_its_location_and_a_suggestion()
    {
        var rules = Rules(
            new TableRule(QualifiedName.Parse("customer", "public"), new SourceLocation("rules/crm.yaml", 4, 3), []),
            new TableRule(QualifiedName.Parse("orders", "public"), At, [Rule("parent_idd", MaskStrategy.Hash, new SourceLocation("rules/crm.yaml", 9, 7))]),
            new TableRule(QualifiedName.Parse("countries", "public"), At, [Rule("code", MaskStrategy.ShiftDate, new SourceLocation("rules/crm.yaml", 12, 7), ("days", 3))]));

        var error = Assert.Throws<DataRefreshException>(() => RefreshPlanner.Plan(Schema, rules));

        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, error.ExitCode);
        Assert.Contains("3 problems", error.Message, StringComparison.Ordinal);
        Assert.Contains("rules/crm.yaml:4:3: the source has no table public.customer (did you mean 'public.customers'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("rules/crm.yaml:9:7: table public.orders has no column 'parent_idd' (did you mean 'parent_id'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("rules/crm.yaml:12:7: column public.countries.code is a text column; shift-date fits date and timestamp columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masking_a_generated_column_is_refused()
    {
        var rules = Rules(new TableRule(QualifiedName.Parse("customers", "public"), At, [Rule("full_name", MaskStrategy.Hash, At)]));

        Assert.Contains("generated column", Assert.Throws<DataRefreshException>(() => RefreshPlanner.Plan(Schema, rules)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_travels_down_foreign_keys_so_children_never_point_at_missing_parents()
    {
        var plan = RefreshPlanner.Plan(Schema, Rules(new TableRule(QualifiedName.Parse("customers", "public"), At, [], Where: "id < 10")));
        TablePlan Get(string name) => plan.Tables.Single(table => table.Table.Name.Name == name);

        Assert.Empty(Get("customers").ParentFilters);
        Assert.Equal("customers", Assert.Single(Get("orders").ParentFilters).Parent.Table.Name.Name);
        Assert.Equal("orders", Assert.Single(Get("payments").ParentFilters).Parent.Table.Name.Name);
        Assert.Empty(Get("countries").ParentFilters);
        Assert.True(Get("payments").IsFiltered);
    }

    [Fact]
    public void Without_filters_no_table_inherits_one()
    {
        var plan = RefreshPlanner.Plan(Schema, Rules());

        Assert.All(plan.Tables, table => Assert.Empty(table.ParentFilters));
    }

    [Fact]
    public void A_schema_only_parent_filters_its_children_too()
    {
        var plan = RefreshPlanner.Plan(Schema, Rules(new TableRule(QualifiedName.Parse("orders", "public"), At, [], Rows: RowSelection.None)));

        var orders = plan.Tables.Single(table => table.Table.Name.Name == "orders");
        Assert.False(orders.CopiesRows);
        Assert.Single(plan.Tables.Single(table => table.Table.Name.Name == "payments").ParentFilters);
        Assert.Equal("public.orders", plan.Tables[^1].Table.Name.ToString());
    }
}
