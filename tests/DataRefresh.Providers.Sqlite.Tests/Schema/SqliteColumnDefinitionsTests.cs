using DataRefresh.Core.Schema;
using DataRefresh.Providers.Sqlite.Schema;

namespace DataRefresh.Providers.Sqlite.Tests.Schema;

/// <summary>What SQLite's pragmas do not say about a column, read from its table's SQL: a generated column's expression and an enum's labels.</summary>
public sealed class SqliteColumnDefinitionsTests
{
    private const string Table = """
        CREATE TABLE "things" ("id" INTEGER NOT NULL PRIMARY KEY, "label" TEXT CHECK (label <> 'AS (x)'),
          "note, with comma" TEXT GENERATED ALWAYS AS ((coalesce("label", 'it''s none') || ' (kept)')) STORED,
          size INT AS (length(label) * 2) VIRTUAL, "state" TEXT NOT NULL CHECK ("state" IN ('new', 'it''s broken')),
          CONSTRAINT things_fk FOREIGN KEY (id) REFERENCES other (id))
        """;

    [Theory]
    [InlineData("note, with comma", "(coalesce(\"label\", 'it''s none') || ' (kept)')")]
    [InlineData("SIZE", "length(label) * 2")]
    [InlineData("label", null)]
    [InlineData("missing", null)]
    public void A_generated_column_s_expression_is_the_text_inside_its_AS_brackets(string column, string? expression) =>
        Assert.Equal(expression, SqliteColumnDefinitions.GenerationExpression(Table, column));

    [Fact]
    public void A_text_column_kept_to_a_list_by_a_check_is_an_enum_with_those_labels_and_other_columns_stay_text()
    {
        var state = SqliteTypes.WithLabels(SqliteTypes.Describe("state", "TEXT", notNull: true, generated: false), Table);
        var label = SqliteTypes.WithLabels(SqliteTypes.Describe("label", "TEXT", notNull: false, generated: false), Table);

        Assert.Equal(ColumnCategory.Other, state.Category);
        Assert.Equal(["new", "it's broken"], state.Labels);
        Assert.Equal(ColumnCategory.Text, label.Category);
        Assert.Null(label.Labels);
    }
}
