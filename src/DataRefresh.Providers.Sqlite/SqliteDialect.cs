using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.Sqlite;

/// <summary>
/// Identifier quoting for SQLite, and where another engine's schemas go: SQLite has one schema per file (<c>main</c>), so
/// a table of an engine's default schema (<c>public</c>, <c>dbo</c>, <c>main</c>) keeps its name, and a table of any other
/// schema is named <c>&lt;schema&gt;__&lt;table&gt;</c>. Every name that goes into SQL text goes through here.
/// </summary>
public static class SqliteDialect
{
    public const string Schema = "main";

    private static readonly HashSet<string> DefaultSchemas = new(StringComparer.Ordinal) { "main", "public", "dbo" };

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The table's name in a SQLite file, quoted.</summary>
    public static string Quote(QualifiedName table) => Quote(LocalName(table));

    public static string QuoteList(IEnumerable<string> identifiers) => string.Join(", ", identifiers.Select(Quote));

    /// <summary>A string constant of schema text (an enum's label), quotes doubled; row values always go as parameters.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The check that keeps an enumerated column to its labels (an enum with no labels holds only NULL).</summary>
    public static string LabelCheck(string column, IReadOnlyList<string> labels) =>
        labels.Count == 0 ? $"CHECK ({Quote(column)} IS NULL)" : $"CHECK ({Quote(column)} IN ({string.Join(", ", labels.Select(Literal))}))";

    /// <summary>The table's name in a SQLite file, unquoted (see the type's summary).</summary>
    public static string LocalName(QualifiedName table) => DefaultSchemas.Contains(table.Schema) ? table.Name : table.Schema + "__" + table.Name;
}
