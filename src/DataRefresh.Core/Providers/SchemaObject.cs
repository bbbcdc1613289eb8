namespace DataRefresh.Core.Providers;

/// <summary>
/// An item of the source's schema beyond its tables' columns and keys — a view, a function, a trigger, an extension, a
/// partition, a generated column, a plain index — by kind and name only. A target of another engine says which of these it
/// could not create (<see cref="ITargetLoad.NotBuilt"/>), so the run names them before data moves and the audit keeps them.
/// </summary>
public sealed record SchemaObject(string Kind, string Name)
{
    public override string ToString() => $"{Kind} {Name}";

    /// <summary>
    /// The generated columns of <paramref name="schema"/> that no other engine can build, their expression being the
    /// source engine's own SQL (no <see cref="Schema.ColumnInfo.Expression"/>), each named
    /// <c>&lt;table&gt;.&lt;column&gt;</c> with the table as <paramref name="tableName"/> writes it.
    /// </summary>
    public static IEnumerable<SchemaObject> UnportableGeneratedColumns(Schema.DatabaseSchema schema, Func<Schema.QualifiedName, string> tableName) =>
        schema.Tables.SelectMany(table => table.Columns
            .Where(column => column is { IsGenerated: true, Expression: null })
            .Select(column => new SchemaObject("generated column", $"{tableName(table.Name)}.{column.Name}")));
}
