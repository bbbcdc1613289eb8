using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.SchemaModel;

/// <summary>
/// Generated columns cross engines only in the part of SQL both compute alike. The inputs are what PostgreSQL's
/// pg_get_expr prints and what this tool writes into a SQLite file; the portable form must read back to itself.
/// </summary>
public sealed class PortableExpressionTests
{
    private static readonly TableInfo Table = new(
        new QualifiedName("public", "people"),
        [
            new ColumnInfo("first", "text", "text", ColumnCategory.Text, null, false, false),
            new ColumnInfo("Last Name", "varchar(40)", "varchar", ColumnCategory.Text, 40, false, false),
            new ColumnInfo("age", "integer", "int4", ColumnCategory.Integer, null, false, false, 32, 0),
            new ColumnInfo("bonus", "smallint", "int2", ColumnCategory.Integer, null, false, false, 16, 0),
            new ColumnInfo("price", "numeric(10,2)", "numeric", ColumnCategory.Numeric, null, false, false, 10, 2),
            new ColumnInfo("full", "text", "text", ColumnCategory.Text, null, false, true),
        ],
        [], 0, false);

    [Theory]
    [InlineData("((first || ' '::text) || (\"Last Name\")::text)", ColumnCategory.Text, "((\"first\" || ' ') || \"Last Name\")")]
    [InlineData("(coalesce(first, 'it''s none'::text) || ' (kept)'::text)", ColumnCategory.Text, "(coalesce(\"first\", 'it''s none') || ' (kept)')")]
    [InlineData("(length(first) + bonus)", ColumnCategory.Integer, "(length(\"first\") + \"bonus\")")]
    [InlineData("((age * 12) - abs(bonus))", ColumnCategory.Integer, "((\"age\" * 12) - abs(\"bonus\"))")]
    [InlineData("replace(first, 'a'::text, 'b'::text)", ColumnCategory.Text, "replace(\"first\", 'a', 'b')")]
    [InlineData("\"first\" || 'x' || \"Last Name\"", ColumnCategory.Text, "((\"first\" || 'x') || \"Last Name\")")]
    public void An_expression_both_engines_compute_alike_gets_one_bracketed_form_that_reads_back_to_itself(string expression, ColumnCategory category, string portable)
    {
        Assert.Equal(portable, PortableExpression.From(expression, Table, category));
        Assert.Equal(portable, PortableExpression.From(portable, Table, category));
    }

    [Theory]
    [InlineData("upper(first)", ColumnCategory.Text)] // SQLite folds ASCII letters only
    [InlineData("(first || age)", ColumnCategory.Text)] // text || integer: PostgreSQL's operator is not immutable
    [InlineData("(age / 2)", ColumnCategory.Integer)] // division is not in the portable part
    [InlineData("(price * 2)", ColumnCategory.Numeric)] // SQLite computes in floating point
    [InlineData("(age)::text", ColumnCategory.Text)] // a cast that changes the value
    [InlineData("age + bonus * 2", ColumnCategory.Integer)] // mixed operators without brackets bind differently
    [InlineData("(full || first)", ColumnCategory.Text)] // another generated column
    [InlineData("(missing || first)", ColumnCategory.Text)] // no such column
    [InlineData("(E'a\\\\b'::text || first)", ColumnCategory.Text)] // an escape string
    [InlineData("length(first)", ColumnCategory.Text)] // the value is not the column's kind
    [InlineData("(first || 'x'", ColumnCategory.Text)] // unbalanced
    public void Anything_else_is_not_portable(string expression, ColumnCategory category) =>
        Assert.Null(PortableExpression.From(expression, Table, category));
}
