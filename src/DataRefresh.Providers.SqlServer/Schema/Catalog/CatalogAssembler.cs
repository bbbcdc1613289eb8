using System.Globalization;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>
/// Turns the catalog's rows (<see cref="CatalogRows"/>) into <see cref="SqlServerSourceSchema"/>: the model the scripter
/// builds from and the neutral model the pipeline plans with, from the same rows so the two never disagree. Graph tables
/// (whose hidden node and edge ids cannot be inserted) are left out of both and named as not copied, as is everything
/// else the model has no place for.
/// </summary>
internal static class CatalogAssembler
{
    public static SqlServerSourceSchema Assemble(CatalogRows rows)
    {
        var tableRows = rows.Tables.ToDictionary(row => Name(row, 0), row => row);
        var notScripted = new List<SchemaObject>(rows.NotScripted.Select(row => new SchemaObject(Text(row, 0), Text(row, 1))));
        var graph = tableRows.Values.Where(row => Flag(row, 6)).Select(row => Name(row, 0)).ToHashSet();
        notScripted.AddRange(graph.Select(name => new SchemaObject("graph table", name.ToString())));
        notScripted.AddRange(tableRows.Values.Where(row => Flag(row, 3)).Select(row => new SchemaObject("partitioning", $"{Name(row, 0)} (created as one unpartitioned table)")));
        notScripted.AddRange(tableRows.Values.Where(row => Flag(row, 5)).Select(row => new SchemaObject("memory optimization", $"{Name(row, 0)} (created as an ordinary table)")));

        var dependencies = rows.Dependencies.GroupBy(row => Name(row, 0), row => Name(row, 2)).ToDictionary(group => group.Key, group => group.Distinct().ToList());
        var modules = rows.Modules.Where(row => row[3] is not null).Select(row => new CatalogModule(
            Name(row, 0),
            ModuleKind(Text(row, 2)),
            Text(row, 3),
            dependencies.GetValueOrDefault(Name(row, 0)) ?? [],
            row[4] is null ? null : Name(row, 4))).ToList();
        var moduleNames = modules.Select(module => module.Name).ToHashSet();

        var temporal = rows.Temporal.ToDictionary(row => Name(row, 0), row => new CatalogTemporal(Text(row, 2), Text(row, 3), Name(row, 4)));
        var columnsByTable = rows.Columns.Where(row => !graph.Contains(Name(row, 0))).GroupBy(row => Name(row, 0)).ToList();
        var catalogTables = columnsByTable.Select(group => new CatalogTable(
            group.Key,
            [.. group.Select(CatalogColumnOf)],
            temporal.GetValueOrDefault(group.Key),
            [.. (dependencies.GetValueOrDefault(group.Key) ?? []).Where(moduleNames.Contains)])).ToList();

        notScripted.AddRange(rows.Columns.Where(row => Number(row, 17) > 2)
            .Select(row => new SchemaObject("ledger column", $"{Name(row, 0)}.{Text(row, 3)}")));
        var encrypted = rows.Columns.Where(row => row[22] is not null).Select(row => $"{Name(row, 0)}.{Text(row, 3)}").ToHashSet(StringComparer.Ordinal);
        notScripted.AddRange(encrypted.Select(column => new SchemaObject("Always Encrypted column", column)));

        var keys = rows.Keys.Where(row => !graph.Contains(Name(row, 0))).GroupBy(row => (Table: Name(row, 0), Name: Text(row, 2))).Select(group =>
        {
            var first = group.First();
            return new CatalogKey(group.Key.Table, group.Key.Name, Flag(first, 3), Flag(first, 4), [.. group.Select(row => new CatalogIndexColumn(Text(row, 5), Flag(row, 6)))]);
        }).ToList();
        var indexes = rows.Indexes.Where(row => !graph.Contains(Name(row, 0))).GroupBy(row => (Table: Name(row, 0), Name: Text(row, 2))).Select(group =>
        {
            var first = group.First();
            var kind = Text(first, 4).Replace('_', ' ');
            var columnstore = kind.EndsWith("COLUMNSTORE", StringComparison.Ordinal);
            return new CatalogIndex(
                group.Key.Table,
                group.Key.Name,
                Flag(first, 3),
                kind,
                [.. group.Where(row => columnstore || !Flag(row, 8)).Select(row => new CatalogIndexColumn(Text(row, 6), Flag(row, 7)))],
                columnstore ? [] : [.. group.Where(row => Flag(row, 8)).Select(row => Text(row, 6))],
                first[5] as string);
        }).ToList();
        var checks = rows.Checks.Where(row => !graph.Contains(Name(row, 0))).Select(row => new CatalogCheck(Name(row, 0), Text(row, 2), Text(row, 3))).ToList();
        var foreignKeys = rows.ForeignKeys.Where(row => !graph.Contains(Name(row, 0)) && !graph.Contains(Name(row, 3)))
            .GroupBy(row => (Table: Name(row, 0), Name: Text(row, 2))).Select(group =>
            {
                var first = group.First();
                return (Key: new CatalogForeignKey(
                    group.Key.Table, group.Key.Name, [.. group.Select(row => Text(row, 7))], Name(first, 3), [.. group.Select(row => Text(row, 8))],
                    Text(first, 5).Replace('_', ' '), Text(first, 6).Replace('_', ' ')), Trusted: Flag(first, 9));
            }).ToList();

        var catalog = new SqlServerCatalog(
            [.. rows.Schemas.Select(row => new CatalogSchema(Text(row, 0)))],
            [.. rows.AliasTypes.Select(row => new CatalogAliasType(Name(row, 0), SqlServerTypes.Declaration(Text(row, 2), Short(row, 3), Byte(row, 4), Byte(row, 5)), Flag(row, 6)))],
            [.. rows.TableTypeColumns.GroupBy(row => Name(row, 0)).Select(group => new CatalogTableType(
                group.Key,
                [.. group.Select(CatalogColumnOf)],
                [.. rows.TableTypeKeys.Where(row => Name(row, 0) == group.Key).Select(row => Text(row, 2))]))],
            [.. rows.Sequences.Select(row => new CatalogSequence(
                Name(row, 0), Text(row, 2), Long(row, 3), Long(row, 4), Long(row, 5), Long(row, 6), Flag(row, 7), Flag(row, 8) ? (row[9] is null ? null : (int)Number(row, 9)) : null))],
            catalogTables,
            keys,
            indexes,
            checks,
            [.. foreignKeys.Select(item => item.Key)],
            modules,
            [.. rows.Synonyms.Select(row => new CatalogSynonym(Name(row, 0), Text(row, 2)))],
            [.. rows.ExtendedProperties.Select(row => new CatalogExtendedProperty(Text(row, 0), row[1] as string ?? "", Text(row, 2), row[3] as string, PropertyObjectKind(row[4] as string), row[5] as string))]);

        var tables = columnsByTable.Select(group =>
        {
            var row = tableRows.GetValueOrDefault(group.Key);
            return new TableInfo(
                group.Key,
                [.. group.Select(NeutralColumnOf)],
                [.. foreignKeys.Where(item => item.Key.Table == group.Key).Select(item => new ForeignKeyInfo(item.Key.Name, item.Key.Columns, item.Key.Referenced, item.Key.ReferencedColumns))],
                row?[2] is null ? 0 : Long(row, 2),
                IsPartitioned: row is not null && Flag(row, 3),
                UniqueKeys:
                [
                    .. keys.Where(key => key.Table == group.Key).Select(key => (IReadOnlyList<string>)[.. key.Columns.Select(column => column.Name)]),
                    .. indexes.Where(index => index.Table == group.Key && index is { Unique: true, Filter: null }).Select(index => (IReadOnlyList<string>)[.. index.Columns.Select(column => column.Name)]),
                ]);
        }).ToList();

        var sequences = rows.Sequences.Where(row => row[10] is not null).Select(row => new SequenceState(Name(row, 0), Long(row, 10)))
            .Concat(rows.Columns.Where(row => row[23] is not null && !graph.Contains(Name(row, 0))).Select(row => new SequenceState(Name(row, 0), Long(row, 23))))
            .ToList();

        var schema = new DatabaseSchema(tables);
        return new SqlServerSourceSchema(
            catalog,
            schema,
            KeyDefinitions(keys, indexes, foreignKeys),
            [.. indexes.Where(IsPortable).Select(index => new IndexDefinition(index.Table, index.Name, [.. index.Columns.Select(column => column.Name)]))],
            Portability(catalog, schema),
            notScripted,
            sequences,
            encrypted);
    }

    /// <summary>The keys verification compares, each with a definition in one canonical text so source and copy compare verbatim.</summary>
    private static List<KeyDefinition> KeyDefinitions(List<CatalogKey> keys, List<CatalogIndex> indexes, List<(CatalogForeignKey Key, bool Trusted)> foreignKeys)
    {
        static string Columns(IEnumerable<CatalogIndexColumn> columns) => string.Join(", ", columns.Select(column => SqlServerDialect.Quote(column.Name) + (column.Descending ? " DESC" : "")));

        var definitions = new List<KeyDefinition>();
        definitions.AddRange(keys.Select(key => new KeyDefinition(
            key.Table, key.Name, key.Primary ? KeyKind.PrimaryKey : KeyKind.UniqueConstraint,
            $"{(key.Primary ? "PRIMARY KEY" : "UNIQUE")} {(key.Clustered ? "CLUSTERED" : "NONCLUSTERED")} ({Columns(key.Columns)})",
            Valid: true, [.. key.Columns.Select(column => column.Name)], null, [], Simple: true)));
        definitions.AddRange(indexes.Where(index => index.Unique).Select(index => new KeyDefinition(
            index.Table, index.Name, KeyKind.UniqueIndex,
            $"UNIQUE {index.Kind} ({Columns(index.Columns)})" +
                (index.Included.Count > 0 ? $" INCLUDE ({SqlServerDialect.QuoteList(index.Included)})" : "") + (index.Filter is { } filter ? $" WHERE {filter}" : ""),
            Valid: true, [.. index.Columns.Select(column => column.Name)], null, [], Simple: index.Filter is null)));
        definitions.AddRange(foreignKeys.Select(item => new KeyDefinition(
            item.Key.Table, item.Key.Name, KeyKind.ForeignKey,
            $"FOREIGN KEY ({SqlServerDialect.QuoteList(item.Key.Columns)}) REFERENCES {SqlServerDialect.Quote(item.Key.Referenced)} ({SqlServerDialect.QuoteList(item.Key.ReferencedColumns)}) ON DELETE {item.Key.OnDelete} ON UPDATE {item.Key.OnUpdate}",
            item.Trusted, item.Key.Columns, item.Key.Referenced, item.Key.ReferencedColumns, Simple: true)));
        return definitions;
    }

    /// <summary>An index any engine builds from its columns alone: a plain rowstore index without a filter, descending columns or unique rule.</summary>
    private static bool IsPortable(CatalogIndex index) =>
        !index.Unique && index.Filter is null && !index.Kind.EndsWith("COLUMNSTORE", StringComparison.Ordinal) && index.Columns.All(column => !column.Descending);

    /// <summary>What a target of another engine cannot build from the neutral model.</summary>
    private static List<SchemaObject> Portability(SqlServerCatalog catalog, DatabaseSchema schema) =>
    [
        .. catalog.Modules.Select(module => new SchemaObject(module.Kind.ToLowerInvariant(), module.Name.ToString())),
        .. catalog.Synonyms.Select(synonym => new SchemaObject("synonym", synonym.Name.ToString())),
        .. catalog.Checks.Select(check => new SchemaObject("check constraint", $"{check.Name} on {check.Table}")),
        .. catalog.Indexes.Where(index => !IsPortable(index) && !index.Unique).Select(index => new SchemaObject("index", $"{index.Name} on {index.Table}")),
        .. catalog.Indexes.Where(index => index.Unique && index.Filter is not null).Select(index => new SchemaObject("filtered unique index", $"{index.Name} on {index.Table}")),
        .. catalog.Tables.Where(table => table.Temporal is not null).Select(table => new SchemaObject("system versioning", table.Name.ToString())),
        .. SchemaObject.UnportableGeneratedColumns(schema, name => name.ToString()),
    ];

    private static CatalogColumn CatalogColumnOf(object?[] row)
    {
        var declaration = Flag(row, 19)
            ? SqlServerDialect.Quote(new QualifiedName(Text(row, 20), Text(row, 21)))
            : SqlServerTypes.Declaration(Text(row, 4), Short(row, 5), Byte(row, 6), Byte(row, 7));
        return new CatalogColumn(
            Text(row, 3),
            declaration,
            Flag(row, 8),
            Collation: row[9] as string,
            DefaultName: row[10] as string,
            Default: row[11] as string,
            Identity: row[12] is null ? null : new CatalogIdentity(Long(row, 12), Long(row, 13)),
            Computed: row[14] as string,
            Persisted: Flag(row, 15),
            Sparse: Flag(row, 16),
            Period: Number(row, 17) switch { 1 => "ROW START", 2 => "ROW END", _ => null },
            Hidden: Flag(row, 18));
    }

    private static ColumnInfo NeutralColumnOf(object?[] row) =>
        SqlServerTypes.Column(Text(row, 3), Text(row, 4), Short(row, 5), Byte(row, 6), Byte(row, 7), notNull: !Flag(row, 8), isGenerated: row[14] is not null);

    private static string ModuleKind(string type) => type switch
    {
        "V" => "VIEW",
        "P" => "PROCEDURE",
        "TR" => "TRIGGER",
        _ => "FUNCTION",
    };

    /// <summary>sp_addextendedproperty's level-1 type of an object.</summary>
    private static string PropertyObjectKind(string? type) => type switch
    {
        "V" => "VIEW",
        "P" => "PROCEDURE",
        "FN" or "IF" or "TF" => "FUNCTION",
        _ => "TABLE",
    };

    private static QualifiedName Name(object?[] row, int schemaColumn) => new(Text(row, schemaColumn), Text(row, schemaColumn + 1));

    private static string Text(object?[] row, int column) =>
        row[column] as string ?? throw new InvalidDataException($"catalog column {column} is {(row[column] is null ? "NULL" : row[column]!.GetType().Name)} where a name was expected");

    private static bool Flag(object?[] row, int column) => row[column] is not null && Convert.ToBoolean(row[column], CultureInfo.InvariantCulture);

    private static long Number(object?[] row, int column) => row[column] is null ? 0 : Convert.ToInt64(row[column], CultureInfo.InvariantCulture);

    private static long Long(object?[] row, int column) => Convert.ToInt64(row[column], CultureInfo.InvariantCulture);

    private static short Short(object?[] row, int column) => Convert.ToInt16(row[column], CultureInfo.InvariantCulture);

    private static byte Byte(object?[] row, int column) => Convert.ToByte(row[column], CultureInfo.InvariantCulture);
}
