using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Audit;

public sealed class ColumnDecisionsTests
{
    private static ColumnInfo Column(string name, bool generated = false) => new(name, "text", "text", ColumnCategory.Text, null, false, generated);

    [Fact]
    public void Every_column_of_a_copied_table_gets_its_decision_and_schema_only_tables_none()
    {
        var customers = new QualifiedName("public", "customers");
        var orders = new QualifiedName("public", "orders");
        var schema = new DatabaseSchema(
        [
            new TableInfo(customers, [Column("id"), Column("email"), Column("notes"), Column("full_name", generated: true)], [], 10, false, [["id"]]),
            new TableInfo(orders, [Column("id"), Column("customer_id")], [new ForeignKeyInfo("orders_customer_fk", ["customer_id"], customers, ["id"])], 10, false),
            new TableInfo(new QualifiedName("public", "log"), [Column("id")], [], 10, false),
        ]);
        var at = new SourceLocation("r.yaml", 1, 1);
        var rules = new RuleSet(
            ["r.yaml"],
            [
                new TableRule(customers, at, [ColumnRule.Of("id", MaskStrategy.Hash), ColumnRule.Of("email", MaskStrategy.Keep) with { Reason = "test only" }]),
                new TableRule(new QualifiedName("public", "log"), at, [], RowSelection.None),
            ],
            UnlistedPolicy.Keep);
        var plan = RefreshPlanner.Plan(schema, rules);

        var tables = ColumnDecisions.Describe(plan, [new TableResult(customers, 10, TableMode.Masked, TimeSpan.Zero)]).ToDictionary(table => table.Table);

        var columns = tables["public.customers"].Columns.ToDictionary(column => column.Column);
        Assert.Equal(("masked", "hash"), (columns["id"].Decision, columns["id"].Mask));
        Assert.Equal(("keep", "test only"), (columns["email"].Decision, columns["email"].Reason));
        Assert.Equal("unlisted", columns["notes"].Decision);
        Assert.Equal("generated", columns["full_name"].Decision);
        Assert.Equal(10, tables["public.customers"].RowsCopied);

        var customerId = tables["public.orders"].Columns.Single(column => column.Column == "customer_id");
        Assert.Equal(("inherited", "hash"), (customerId.Decision, customerId.Mask));
        Assert.Equal("public.customers.id (orders_customer_fk)", customerId.InheritedFrom);
        Assert.Null(tables["public.orders"].RowsCopied);

        Assert.Equal(("none", 0L), (tables["public.log"].Rows, tables["public.log"].RowsCopied));
        Assert.Empty(tables["public.log"].Columns);
    }
}
