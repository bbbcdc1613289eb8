using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql;

/// <summary>Identifier quoting for PostgreSQL. Every name that goes into SQL text goes through here.</summary>
public static class PostgreSqlDialect
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Quote(QualifiedName name) => Quote(name.Schema) + "." + Quote(name.Name);

    public static string QuoteList(IEnumerable<string> identifiers) => string.Join(", ", identifiers.Select(Quote));

    /// <summary>A string constant of schema text (an enum's label), quotes doubled; row values always go as parameters.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The check that keeps an enumerated column to its labels (an enum with no labels holds only NULL).</summary>
    public static string LabelCheck(string column, IReadOnlyList<string> labels) =>
        labels.Count == 0 ? $"CHECK ({Quote(column)} IS NULL)" : $"CHECK ({Quote(column)} IN ({string.Join(", ", labels.Select(Literal))}))";
}
