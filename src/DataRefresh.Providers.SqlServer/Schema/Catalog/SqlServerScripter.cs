using System.Text;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using static System.FormattableString;

namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>
/// Scripts a source database's catalog as T-SQL in the order a side database is built: pre-data (schemas, alias and
/// table types, sequences, the functions tables call, tables with their columns, collations, defaults, identities,
/// computed and sparse columns — without keys, so rows load into heaps), then per table what it alone needs (primary
/// keys, unique constraints, indexes, checks, triggers), then post-data (foreign keys created WITH CHECK so they end
/// trusted, system versioning of temporal tables, views, functions and procedures in dependency order, synonyms,
/// extended properties). A temporal table's period columns load as plain columns and become its period afterwards, as
/// SQL Server's documented migration to system versioning does, so the history the source keeps is copied as it is.
/// Names are bracket-quoted; definitions of modules are the source's own text.
/// </summary>
internal static class SqlServerScripter
{
    public static IReadOnlyList<ScriptedStatement> Script(SqlServerCatalog catalog)
    {
        var statements = new List<ScriptedStatement>();
        var (modulesBeforeTables, modulesAfter) = OrderModules(catalog);

        statements.AddRange(catalog.Schemas.Select(schema => Pre($"schema {schema.Name}", $"CREATE SCHEMA {Q(schema.Name)};")));
        statements.AddRange(catalog.AliasTypes.Select(type => Pre($"type {type.Name}", $"CREATE TYPE {Q(type.Name)} FROM {type.BaseDeclaration}{(type.Nullable ? " NULL" : " NOT NULL")};")));
        statements.AddRange(catalog.TableTypes.Select(type => Pre($"table type {type.Name}", TableType(type))));
        statements.AddRange(catalog.Sequences.Select(sequence => Pre($"sequence {sequence.Name}", Sequence(sequence))));
        statements.AddRange(modulesBeforeTables.Select(module => Pre($"{module.Kind.ToLowerInvariant()} {module.Name}", Definition(module))));
        statements.AddRange(catalog.Tables.Select(table => Pre($"table {table.Name}", Table(table))));

        foreach (var table in catalog.Tables)
        {
            statements.AddRange(catalog.Keys.Where(key => key.Table == table.Name)
                .Select(key => Owned(table.Name, $"{(key.Primary ? "primary key" : "unique constraint")} {key.Name}", Key(key))));
            statements.AddRange(catalog.Indexes.Where(index => index.Table == table.Name)
                .OrderBy(index => index.Kind.StartsWith("CLUSTERED", StringComparison.Ordinal) ? 0 : 1)
                .Select(index => Owned(table.Name, $"index {index.Name}", Index(index))));
            statements.AddRange(catalog.Checks.Where(check => check.Table == table.Name)
                .Select(check => Owned(table.Name, $"check {check.Name}", $"ALTER TABLE {Q(check.Table)} WITH CHECK ADD CONSTRAINT {Q(check.Name)} CHECK {check.Definition};")));
            statements.AddRange(modulesAfter.Where(module => module.Kind == "TRIGGER" && module.Table == table.Name)
                .Select(module => Owned(table.Name, $"trigger {module.Name}", Definition(module))));
        }

        statements.AddRange(catalog.ForeignKeys.Select(key => Post($"foreign key {key.Name}", ForeignKey(key)) with { ForeignKeyTables = new HashSet<QualifiedName> { key.Table, key.Referenced } }));
        statements.AddRange(catalog.Tables.Where(table => table.Temporal is not null).Select(table => Post($"system versioning of {table.Name}", SystemVersioning(table))));
        statements.AddRange(modulesAfter.Where(module => module.Kind != "TRIGGER" || module.Table is null)
            .Select(module => Post($"{module.Kind.ToLowerInvariant()} {module.Name}", Definition(module))));
        statements.AddRange(catalog.Synonyms.Select(synonym => Post($"synonym {synonym.Name}", $"CREATE SYNONYM {Q(synonym.Name)} FOR {synonym.BaseObject};")));
        statements.AddRange(catalog.ExtendedProperties.Select(property => Post($"extended property {property.Name} on {PropertyTarget(property)}", ExtendedProperty(property))));
        return statements;
    }

    /// <summary>The script as one text of batches separated by GO, as sqlcmd and SSMS run it (and the golden files hold it).</summary>
    public static string ToText(IEnumerable<ScriptedStatement> statements)
    {
        var text = new StringBuilder();
        foreach (var statement in statements)
        {
            text.Append("-- ").Append(statement.Section == SchemaSection.PreData ? "pre-data" : statement.Table is null ? "post-data" : "table " + statement.Table)
                .Append(": ").Append(statement.Object).Append('\n')
                .Append(statement.Sql).Append("\nGO\n");
        }

        return text.ToString();
    }

    private static string TableType(CatalogTableType type)
    {
        var lines = type.Columns.Select(Column).ToList();
        if (type.PrimaryKey.Count > 0)
        {
            lines.Add($"PRIMARY KEY ({SqlServerDialect.QuoteList(type.PrimaryKey)})");
        }

        return $"CREATE TYPE {Q(type.Name)} AS TABLE (\n    {string.Join(",\n    ", lines)}\n);";
    }

    private static string Sequence(CatalogSequence sequence) =>
        Invariant($"CREATE SEQUENCE {Q(sequence.Name)} AS {sequence.Declaration} START WITH {sequence.Start} INCREMENT BY {sequence.Increment} MINVALUE {sequence.Minimum} MAXVALUE {sequence.Maximum} {(sequence.Cycle ? "CYCLE" : "NO CYCLE")} {(sequence.Cache is { } cache ? Invariant($"CACHE {cache}") : "NO CACHE")};");

    private static string Table(CatalogTable table) =>
        $"CREATE TABLE {Q(table.Name)} (\n    {string.Join(",\n    ", table.Columns.Select(Column))}\n);";

    /// <summary>A column as CREATE TABLE declares it; period columns as plain columns (see <see cref="SystemVersioning"/>).</summary>
    private static string Column(CatalogColumn column)
    {
        if (column.Computed is { } expression)
        {
            return $"{Q(column.Name)} AS {expression}{(column.Persisted ? " PERSISTED" : "")}";
        }

        var text = new StringBuilder(Q(column.Name)).Append(' ').Append(column.Declaration);
        if (column.Collation is { } collation)
        {
            text.Append(" COLLATE ").Append(collation);
        }

        if (column.Sparse)
        {
            text.Append(" SPARSE");
        }

        if (column.Identity is { } identity)
        {
            text.Append(Invariant($" IDENTITY({identity.Seed}, {identity.Increment})"));
        }

        text.Append(column.Nullable ? " NULL" : " NOT NULL");
        if (column.Default is { } value)
        {
            text.Append(column.DefaultName is { } name ? $" CONSTRAINT {Q(name)}" : "").Append(" DEFAULT ").Append(value);
        }

        return text.ToString();
    }

    private static string Key(CatalogKey key) =>
        $"ALTER TABLE {Q(key.Table)} ADD CONSTRAINT {Q(key.Name)} {(key.Primary ? "PRIMARY KEY" : "UNIQUE")} {(key.Clustered ? "CLUSTERED" : "NONCLUSTERED")} ({IndexColumns(key.Columns)});";

    private static string Index(CatalogIndex index)
    {
        var text = new StringBuilder("CREATE ");
        if (index.Unique)
        {
            text.Append("UNIQUE ");
        }

        text.Append(index.Kind).Append(" INDEX ").Append(Q(index.Name)).Append(" ON ").Append(Q(index.Table));
        if (index.Kind == "NONCLUSTERED COLUMNSTORE" || !index.Kind.EndsWith("COLUMNSTORE", StringComparison.Ordinal))
        {
            text.Append(" (").Append(index.Kind.EndsWith("COLUMNSTORE", StringComparison.Ordinal) ? SqlServerDialect.QuoteList(index.Columns.Select(column => column.Name)) : IndexColumns(index.Columns)).Append(')');
        }

        if (index.Included.Count > 0)
        {
            text.Append(" INCLUDE (").Append(SqlServerDialect.QuoteList(index.Included)).Append(')');
        }

        if (index.Filter is { } filter)
        {
            text.Append(" WHERE ").Append(filter);
        }

        return text.Append(';').ToString();
    }

    private static string ForeignKey(CatalogForeignKey key) =>
        $"ALTER TABLE {Q(key.Table)} WITH CHECK ADD CONSTRAINT {Q(key.Name)} FOREIGN KEY ({SqlServerDialect.QuoteList(key.Columns)}) " +
        $"REFERENCES {Q(key.Referenced)} ({SqlServerDialect.QuoteList(key.ReferencedColumns)}) ON DELETE {key.OnDelete} ON UPDATE {key.OnUpdate};";

    /// <summary>
    /// The period over the loaded columns, hidden again where the source hides them, then versioning on with the copied
    /// history table (checked for consistency, as the documented migration does).
    /// </summary>
    private static string SystemVersioning(CatalogTable table)
    {
        var temporal = table.Temporal!;
        var text = new StringBuilder()
            .Append(Invariant($"ALTER TABLE {Q(table.Name)} ADD PERIOD FOR SYSTEM_TIME ({Q(temporal.StartColumn)}, {Q(temporal.EndColumn)});\n"));
        foreach (var hidden in table.Columns.Where(column => column is { Hidden: true, Period: not null }))
        {
            text.Append(Invariant($"ALTER TABLE {Q(table.Name)} ALTER COLUMN {Q(hidden.Name)} ADD HIDDEN;\n"));
        }

        return text.Append(Invariant($"ALTER TABLE {Q(table.Name)} SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = {Q(temporal.HistoryTable)}, DATA_CONSISTENCY_CHECK = ON));")).ToString();
    }

    private static string ExtendedProperty(CatalogExtendedProperty property)
    {
        var text = new StringBuilder(Invariant($"EXEC sys.sp_addextendedproperty @name = {SqlServerDialect.Literal(property.Name)}, @value = {SqlServerDialect.Literal(property.Value)}, "))
            .Append(Invariant($"@level0type = N'SCHEMA', @level0name = {SqlServerDialect.Literal(property.Schema)}"));
        if (property.Object is { } target)
        {
            text.Append(Invariant($", @level1type = {SqlServerDialect.Literal(property.ObjectKind)}, @level1name = {SqlServerDialect.Literal(target)}"));
        }

        if (property.Column is { } column)
        {
            text.Append(Invariant($", @level2type = N'COLUMN', @level2name = {SqlServerDialect.Literal(column)}"));
        }

        return text.Append(';').ToString();
    }

    private static string PropertyTarget(CatalogExtendedProperty property) =>
        property.Object is null ? $"schema {property.Schema}" : $"{property.Schema}.{property.Object}{(property.Column is { } column ? "." + column : "")}";

    /// <summary>A module's definition as the source wrote it, ending its own batch.</summary>
    private static string Definition(CatalogModule module) => module.Definition.Trim();

    /// <summary>
    /// Modules in an order where each comes after those it references; the ones tables call (and what those call) before
    /// the tables. A cycle cannot be created in any order and is refused, naming its modules.
    /// </summary>
    private static (IReadOnlyList<CatalogModule> BeforeTables, IReadOnlyList<CatalogModule> After) OrderModules(SqlServerCatalog catalog)
    {
        var byName = catalog.Modules.ToDictionary(module => module.Name);
        var ordered = new List<CatalogModule>();
        var state = new Dictionary<QualifiedName, bool>();
        foreach (var module in catalog.Modules)
        {
            Visit(module, byName, ordered, state, []);
        }

        var needed = new HashSet<QualifiedName>();
        var pending = new Stack<QualifiedName>(catalog.Tables.SelectMany(table => table.DependsOn ?? []));
        while (pending.TryPop(out var name))
        {
            if (byName.TryGetValue(name, out var module) && needed.Add(name))
            {
                foreach (var dependency in module.DependsOn)
                {
                    pending.Push(dependency);
                }
            }
        }

        return (ordered.Where(module => needed.Contains(module.Name)).ToList(), ordered.Where(module => !needed.Contains(module.Name)).ToList());
    }

    private static void Visit(CatalogModule module, Dictionary<QualifiedName, CatalogModule> byName, List<CatalogModule> ordered, Dictionary<QualifiedName, bool> done, List<QualifiedName> path)
    {
        if (done.TryGetValue(module.Name, out var finished))
        {
            if (!finished)
            {
                var cycle = path.SkipWhile(name => name != module.Name).Append(module.Name);
                throw new DataRefreshException(
                    ExitCodes.RefreshFailed,
                    $"the source's modules reference each other in a cycle ({string.Join(" → ", cycle)}), which cannot be created in any order; the target was not changed.");
            }

            return;
        }

        done[module.Name] = false;
        path.Add(module.Name);
        foreach (var dependency in module.DependsOn)
        {
            if (byName.TryGetValue(dependency, out var referenced))
            {
                Visit(referenced, byName, ordered, done, path);
            }
        }

        path.RemoveAt(path.Count - 1);
        done[module.Name] = true;
        ordered.Add(module);
    }

    private static string IndexColumns(IEnumerable<CatalogIndexColumn> columns) =>
        string.Join(", ", columns.Select(column => Q(column.Name) + (column.Descending ? " DESC" : "")));

    private static ScriptedStatement Pre(string what, string sql) => new(SchemaSection.PreData, null, what, sql);

    private static ScriptedStatement Owned(QualifiedName table, string what, string sql) => new(SchemaSection.PostData, table, what, sql);

    private static ScriptedStatement Post(string what, string sql) => new(SchemaSection.PostData, null, what, sql);

    private static string Q(string name) => SqlServerDialect.Quote(name);

    private static string Q(QualifiedName name) => SqlServerDialect.Quote(name);
}
