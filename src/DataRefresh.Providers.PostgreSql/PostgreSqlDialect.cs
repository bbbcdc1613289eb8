using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql;

/// <summary>Identifier quoting for PostgreSQL. Every name that goes into SQL text goes through here.</summary>
public static class PostgreSqlDialect
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Quote(QualifiedName name) => Quote(name.Schema) + "." + Quote(name.Name);

    public static string QuoteList(IEnumerable<string> identifiers) => string.Join(", ", identifiers.Select(Quote));
}
