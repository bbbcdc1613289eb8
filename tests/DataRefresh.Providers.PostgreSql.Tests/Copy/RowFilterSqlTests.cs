using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Copy;

namespace DataRefresh.Providers.PostgreSql.Tests.Copy;

public sealed class RowFilterSqlTests
{
    private static readonly SourceLocation At = new("r.yaml", 1, 1);

    private static ColumnInfo Column(string name) => new(name, "bigint", "int8", ColumnCategory.Integer, null, false, false);

    [Fact]
    public void A_child_of_a_filtered_parent_keeps_rows_whose_parent_is_copied_or_whose_key_is_null()
    {
        var schema = new DatabaseSchema(
        [
            new TableInfo(new("public", "orders"), [Column("id")], [], 10, IsPartitioned: true),
            new TableInfo(new("public", "pay\"ments"), [Column("id"), Column("order_id")], [new ForeignKeyInfo("fk", ["order_id"], new("public", "orders"), ["id"])], 10, false),
        ]);
        var plan = RefreshPlanner.Plan(schema, new RuleSet([], [new TableRule(new("public", "orders"), At, [], Where: "id > 5")], UnlistedPolicy.Keep));

        var payments = plan.Tables.Single(table => table.Table.Name.Name == "pay\"ments");

        Assert.Equal(
            "SELECT t0.\"id\", t0.\"order_id\" FROM ONLY \"public\".\"pay\"\"ments\" AS t0 WHERE (t0.\"order_id\" IS NULL OR " +
            "EXISTS (SELECT 1 FROM \"public\".\"orders\" AS t1 WHERE t1.\"id\" = t0.\"order_id\" AND (id > 5)))",
            RowFilterSql.Select(payments));
    }

    [Fact]
    public void An_unfiltered_table_is_read_whole()
    {
        var table = new TableInfo(new("s", "t"), [Column("a")], [], 1, false);
        var plan = RefreshPlanner.Plan(new DatabaseSchema([table]), new RuleSet([], [], UnlistedPolicy.Keep));

        Assert.Equal("SELECT t0.\"a\" FROM ONLY \"s\".\"t\" AS t0", RowFilterSql.Select(plan.Tables[0]));
    }

    [Fact]
    public void A_whole_unfiltered_plain_table_is_copied_as_itself_and_anything_else_through_its_select()
    {
        var plain = new TableInfo(new("s", "t"), [Column("a"), Column("b\"c")], [], 1, false);
        var partitioned = new TableInfo(new("s", "p"), [Column("a")], [], 1, IsPartitioned: true);
        var schema = new DatabaseSchema([plain, partitioned]);
        var unfiltered = RefreshPlanner.Plan(schema, new RuleSet([], [], UnlistedPolicy.Keep));
        var filtered = RefreshPlanner.Plan(schema, new RuleSet([], [new TableRule(new("s", "t"), At, [], Where: "a > 5")], UnlistedPolicy.Keep));
        Core.Planning.TablePlan Plan(RefreshPlan refresh, string name) => refresh.Tables.Single(table => table.Table.Name.Name == name);

        Assert.Equal("\"s\".\"t\" (\"a\", \"b\"\"c\")", RowFilterSql.CopySource(Plan(unfiltered, "t"), Core.Providers.TableSlice.Whole));
        Assert.Equal($"({RowFilterSql.Select(Plan(filtered, "t"))})", RowFilterSql.CopySource(Plan(filtered, "t"), Core.Providers.TableSlice.Whole));
        var slice = new Core.Providers.TableSlice(1, 2, 0, 100);
        Assert.Equal($"({RowFilterSql.Select(Plan(unfiltered, "t"), slice)})", RowFilterSql.CopySource(Plan(unfiltered, "t"), slice));
        Assert.StartsWith("(SELECT t0.\"a\" FROM \"s\".\"p\"", RowFilterSql.CopySource(Plan(unfiltered, "p"), Core.Providers.TableSlice.Whole), StringComparison.Ordinal);
    }
}
