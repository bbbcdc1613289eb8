using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>
/// One statement of a scripted schema: its section, the table it belongs to alone (built as soon as that table's rows
/// are in) or null, the object it creates as <c>kind name</c> for progress and errors, and its T-SQL — one batch, as
/// CREATE VIEW, FUNCTION, PROCEDURE and TRIGGER must each be the only statement of theirs.
/// </summary>
internal sealed record ScriptedStatement(SchemaSection Section, QualifiedName? Table, string Object, string Sql)
{
    /// <summary>
    /// For a foreign key, the two tables it alters (one for a key on its own table): foreign keys on other tables can be
    /// built beside it. Empty for every other statement.
    /// </summary>
    public IReadOnlySet<QualifiedName> ForeignKeyTables { get; init; } = new HashSet<QualifiedName>();
}
