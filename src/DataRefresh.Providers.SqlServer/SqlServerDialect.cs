using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer;

/// <summary>Identifier quoting for T-SQL. Every name that goes into SQL text goes through here; values go as parameters.</summary>
public static class SqlServerDialect
{
    public const string DefaultSchema = "dbo";

    /// <summary>A bracketed identifier; a closing bracket inside is doubled, as <c>QUOTENAME</c> does.</summary>
    public static string Quote(string identifier) => "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";

    public static string Quote(QualifiedName name) => Quote(name.Schema) + "." + Quote(name.Name);

    public static string QuoteList(IEnumerable<string> identifiers) => string.Join(", ", identifiers.Select(Quote));

    /// <summary>A Unicode string constant of schema text (a label, a name in a catalog query), quotes doubled.</summary>
    public static string Literal(string text) => "N'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A LIKE pattern that matches <paramref name="text"/> literally, with backslash as its ESCAPE character.</summary>
    public static string LikeLiteral(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
}
