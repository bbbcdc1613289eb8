namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>
/// The catalog queries (<c>sys.*</c>, SQL Server 2017 and later) that fill <see cref="CatalogRows"/>: names and
/// definitions only, never a row of user data. Each returns flat rows in the column order its comment gives, which
/// <see cref="CatalogAssembler"/> reads by position; objects shipped with the server (<c>is_ms_shipped</c>) are left out.
/// Tests parse every query with ScriptDom.
/// </summary>
internal static class CatalogQueries
{
    /// <summary>name — user schemas (ids 1–4 are dbo, guest, INFORMATION_SCHEMA, sys; 16384 and above the fixed roles).</summary>
    public const string Schemas = "SELECT s.name FROM sys.schemas AS s WHERE s.schema_id BETWEEN 5 AND 16383 ORDER BY s.name;";

    /// <summary>schema, name, base type, max_length, precision, scale, is_nullable — alias types.</summary>
    public const string AliasTypes =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, TYPE_NAME(t.system_type_id), t.max_length, t.precision, t.scale, t.is_nullable " +
        "FROM sys.types AS t WHERE t.is_user_defined = 1 AND t.is_table_type = 0 AND t.is_assembly_type = 0 ORDER BY 1, 2;";

    private const string ColumnShape =
        "c.column_id, c.name, TYPE_NAME(c.system_type_id), c.max_length, c.precision, c.scale, c.is_nullable, " +
        "CASE WHEN c.collation_name <> CAST(DATABASEPROPERTYEX(DB_NAME(), N'Collation') AS sysname) THEN c.collation_name END, " +
        "dc.name, dc.definition, CAST(ic.seed_value AS bigint), CAST(ic.increment_value AS bigint), cc.definition, cc.is_persisted, " +
        "c.is_sparse, c.generated_always_type, c.is_hidden, ut.is_user_defined, SCHEMA_NAME(ut.schema_id), ut.name, c.encryption_type, CAST(ic.last_value AS bigint)";

    private const string ColumnJoins =
        "JOIN sys.types AS ut ON ut.user_type_id = c.user_type_id " +
        "LEFT JOIN sys.default_constraints AS dc ON dc.parent_object_id = c.object_id AND dc.parent_column_id = c.column_id " +
        "LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id " +
        "LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id ";

    /// <summary>
    /// schema, table, then the column shape: column_id, name, system type, max_length, precision, scale, is_nullable,
    /// collation when not the database's, default name, default definition, identity seed, increment, computed definition,
    /// persisted, sparse, generated_always_type (1 row start, 2 row end), hidden, user-defined type?, its schema, its name,
    /// Always Encrypted type, identity's last value (null before the first row) — every column of every user table, in order.
    /// </summary>
    public const string Columns =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, " + ColumnShape + " FROM sys.tables AS t JOIN sys.columns AS c ON c.object_id = t.object_id " +
        ColumnJoins + "WHERE t.is_ms_shipped = 0 ORDER BY 1, 2, 3;";

    /// <summary>schema, table type, then the column shape — columns of table types.</summary>
    public const string TableTypeColumns =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, " + ColumnShape + " FROM sys.table_types AS t JOIN sys.columns AS c ON c.object_id = t.type_table_object_id " +
        ColumnJoins + "WHERE t.is_user_defined = 1 ORDER BY 1, 2, 3;";

    /// <summary>schema, table type, key column — the primary key of table types, in key order.</summary>
    public const string TableTypeKeys =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, COL_NAME(ic.object_id, ic.column_id) FROM sys.table_types AS t " +
        "JOIN sys.indexes AS i ON i.object_id = t.type_table_object_id AND i.is_primary_key = 1 " +
        "JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id WHERE t.is_user_defined = 1 ORDER BY 1, 2, ic.key_ordinal;";

    /// <summary>schema, table, estimated rows, partitioned?, temporal type (1 history, 2 current), memory-optimized?, graph?</summary>
    public const string Tables =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, " +
        "(SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)), " +
        "CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.indexes AS i JOIN sys.partition_schemes AS ps ON ps.data_space_id = i.data_space_id WHERE i.object_id = t.object_id) THEN 1 ELSE 0 END AS bit), " +
        "t.temporal_type, t.is_memory_optimized, CAST(CASE WHEN t.is_node = 1 OR t.is_edge = 1 THEN 1 ELSE 0 END AS bit) " +
        "FROM sys.tables AS t WHERE t.is_ms_shipped = 0 ORDER BY 1, 2;";

    /// <summary>schema, table, period start column, end column, history schema, history table — system-versioned tables.</summary>
    public const string Temporal =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, COL_NAME(p.object_id, p.start_column_id), COL_NAME(p.object_id, p.end_column_id), SCHEMA_NAME(h.schema_id), h.name " +
        "FROM sys.tables AS t JOIN sys.periods AS p ON p.object_id = t.object_id JOIN sys.tables AS h ON h.object_id = t.history_table_id " +
        "WHERE t.temporal_type = 2 ORDER BY 1, 2;";

    /// <summary>schema, name, type, start, increment, minimum, maximum, cycling?, cached?, cache size, last used value (null when never used).</summary>
    public const string Sequences =
        "SELECT SCHEMA_NAME(s.schema_id), s.name, TYPE_NAME(s.system_type_id), CAST(s.start_value AS bigint), CAST(s.increment AS bigint), " +
        "CAST(s.minimum_value AS bigint), CAST(s.maximum_value AS bigint), s.is_cycling, s.is_cached, s.cache_size, CAST(s.last_used_value AS bigint) " +
        "FROM sys.sequences AS s WHERE s.is_ms_shipped = 0 ORDER BY 1, 2;";

    /// <summary>
    /// schema, table, name, primary?, clustered?, column, descending?, key ordinal — primary keys and unique constraints,
    /// one row per column in key order.
    /// </summary>
    public const string Keys =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, k.name, CAST(CASE k.type WHEN 'PK' THEN 1 ELSE 0 END AS bit), CAST(CASE i.type WHEN 1 THEN 1 ELSE 0 END AS bit), " +
        "COL_NAME(ic.object_id, ic.column_id), ic.is_descending_key, ic.key_ordinal " +
        "FROM sys.key_constraints AS k JOIN sys.tables AS t ON t.object_id = k.parent_object_id " +
        "JOIN sys.indexes AS i ON i.object_id = k.parent_object_id AND i.index_id = k.unique_index_id " +
        "JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id " +
        "WHERE t.is_ms_shipped = 0 ORDER BY 1, 2, 3, ic.key_ordinal;";

    /// <summary>
    /// schema, table, name, unique?, type description, filter, column, descending?, included?, key ordinal — indexes
    /// that back no key constraint, one row per column (key columns in key order, then included ones).
    /// </summary>
    public const string Indexes =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, i.name, i.is_unique, i.type_desc, i.filter_definition, " +
        "COL_NAME(ic.object_id, ic.column_id), ic.is_descending_key, ic.is_included_column, ic.key_ordinal " +
        "FROM sys.indexes AS i JOIN sys.tables AS t ON t.object_id = i.object_id " +
        "JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id " +
        "WHERE t.is_ms_shipped = 0 AND i.type IN (1, 2, 5, 6) AND i.is_primary_key = 0 AND i.is_unique_constraint = 0 AND i.is_hypothetical = 0 " +
        "ORDER BY 1, 2, 3, ic.is_included_column, ic.key_ordinal, ic.index_column_id;";

    /// <summary>schema, table, name, definition, disabled? — check constraints.</summary>
    public const string Checks =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, k.name, k.definition, k.is_disabled " +
        "FROM sys.check_constraints AS k JOIN sys.tables AS t ON t.object_id = k.parent_object_id WHERE t.is_ms_shipped = 0 ORDER BY 1, 2, 3;";

    /// <summary>
    /// schema, table, name, referenced schema, referenced table, on delete, on update, column, referenced column,
    /// trusted? — foreign keys, one row per column pair in order.
    /// </summary>
    public const string ForeignKeys =
        "SELECT SCHEMA_NAME(t.schema_id), t.name, f.name, SCHEMA_NAME(r.schema_id), r.name, f.delete_referential_action_desc, f.update_referential_action_desc, " +
        "COL_NAME(fc.parent_object_id, fc.parent_column_id), COL_NAME(fc.referenced_object_id, fc.referenced_column_id), " +
        "CAST(CASE WHEN f.is_not_trusted = 0 AND f.is_disabled = 0 THEN 1 ELSE 0 END AS bit) " +
        "FROM sys.foreign_keys AS f JOIN sys.tables AS t ON t.object_id = f.parent_object_id JOIN sys.tables AS r ON r.object_id = f.referenced_object_id " +
        "JOIN sys.foreign_key_columns AS fc ON fc.constraint_object_id = f.object_id " +
        "WHERE t.is_ms_shipped = 0 ORDER BY 1, 2, 3, fc.constraint_column_id;";

    /// <summary>schema, name, type (V, FN, IF, TF, P, TR), definition (null when encrypted), parent's schema, parent's name — T-SQL modules.</summary>
    public const string Modules =
        "SELECT SCHEMA_NAME(o.schema_id), o.name, RTRIM(o.type), m.definition, SCHEMA_NAME(p.schema_id), p.name " +
        "FROM sys.sql_modules AS m JOIN sys.objects AS o ON o.object_id = m.object_id LEFT JOIN sys.objects AS p ON p.object_id = o.parent_object_id " +
        "WHERE o.is_ms_shipped = 0 AND o.type IN ('V', 'FN', 'IF', 'TF', 'P', 'TR') ORDER BY 1, 2;";

    /// <summary>
    /// referencing schema, referencing name, referenced schema, referenced name — what modules, and tables through their
    /// computed columns, defaults and checks (named by their table), reference among views, functions and procedures.
    /// </summary>
    public const string Dependencies =
        "SELECT DISTINCT SCHEMA_NAME(COALESCE(p.schema_id, o.schema_id)), COALESCE(p.name, o.name), SCHEMA_NAME(r.schema_id), r.name " +
        "FROM sys.sql_expression_dependencies AS d JOIN sys.objects AS o ON o.object_id = d.referencing_id " +
        "LEFT JOIN sys.objects AS p ON p.object_id = o.parent_object_id AND o.type IN ('C', 'D') " +
        "JOIN sys.objects AS r ON r.object_id = d.referenced_id " +
        "WHERE o.is_ms_shipped = 0 AND r.type IN ('V', 'FN', 'IF', 'TF', 'P') AND d.referenced_id <> d.referencing_id ORDER BY 1, 2, 3, 4;";

    /// <summary>schema, name, base object — synonyms.</summary>
    public const string Synonyms = "SELECT SCHEMA_NAME(s.schema_id), s.name, s.base_object_name FROM sys.synonyms AS s ORDER BY 1, 2;";

    /// <summary>
    /// name, value as text, schema, object (null on a schema), object type (U, V, P, FN…), column (null on the object) —
    /// extended properties of schemas, tables, views, modules and their columns.
    /// </summary>
    public const string ExtendedProperties =
        "SELECT e.name, CAST(e.value AS nvarchar(4000)), COALESCE(SCHEMA_NAME(o.schema_id), s.name), o.name, RTRIM(o.type), " +
        "CASE WHEN e.minor_id > 0 THEN COL_NAME(e.major_id, e.minor_id) END " +
        "FROM sys.extended_properties AS e LEFT JOIN sys.objects AS o ON e.class = 1 AND o.object_id = e.major_id " +
        "LEFT JOIN sys.schemas AS s ON e.class = 3 AND s.schema_id = e.major_id " +
        "WHERE (e.class = 1 AND o.is_ms_shipped = 0 AND o.type IN ('U', 'V', 'P', 'FN', 'IF', 'TF')) OR (e.class = 3 AND s.schema_id BETWEEN 5 AND 16383) ORDER BY 3, 4, 6, 1;";

    /// <summary>
    /// kind, name — what the scripter cannot build, named before data moves so nothing is dropped silently: objects and
    /// options outside the catalog model (partitioning is reported per table by <see cref="Tables"/>).
    /// </summary>
    public const string NotScripted =
        "SELECT N'full-text index', CONCAT(SCHEMA_NAME(t.schema_id), N'.', t.name) FROM sys.fulltext_indexes AS f JOIN sys.tables AS t ON t.object_id = f.object_id " +
        "UNION ALL SELECT CASE i.type WHEN 3 THEN N'XML index' WHEN 4 THEN N'spatial index' ELSE N'index' END, CONCAT(SCHEMA_NAME(t.schema_id), N'.', t.name, N'.', i.name) " +
        "FROM sys.indexes AS i JOIN sys.tables AS t ON t.object_id = i.object_id WHERE t.is_ms_shipped = 0 AND i.type NOT IN (0, 1, 2, 5, 6) " +
        "UNION ALL SELECT N'CLR assembly', a.name FROM sys.assemblies AS a WHERE a.is_user_defined = 1 " +
        "UNION ALL SELECT N'CLR type', CONCAT(SCHEMA_NAME(ty.schema_id), N'.', ty.name) FROM sys.types AS ty WHERE ty.is_user_defined = 1 AND ty.is_assembly_type = 1 " +
        "UNION ALL SELECT CASE WHEN m.definition IS NULL THEN N'encrypted module' ELSE N'module' END, CONCAT(SCHEMA_NAME(o.schema_id), N'.', o.name) " +
        "FROM sys.objects AS o LEFT JOIN sys.sql_modules AS m ON m.object_id = o.object_id " +
        "WHERE o.is_ms_shipped = 0 AND (o.type IN ('PC', 'FS', 'FT', 'TA', 'AF', 'R') OR (o.type = 'D' AND o.parent_object_id = 0) OR (o.type IN ('V', 'FN', 'IF', 'TF', 'P', 'TR') AND m.definition IS NULL)) " +
        "UNION ALL SELECT N'database trigger', tr.name FROM sys.triggers AS tr WHERE tr.parent_class = 0 AND tr.is_ms_shipped = 0 " +
        "UNION ALL SELECT N'security policy', CONCAT(SCHEMA_NAME(sp.schema_id), N'.', sp.name) FROM sys.security_policies AS sp " +
        "UNION ALL SELECT N'XML schema collection', CONCAT(SCHEMA_NAME(x.schema_id), N'.', x.name) FROM sys.xml_schema_collections AS x WHERE x.schema_id <> 4 " +
        "UNION ALL SELECT N'extended property', CONCAT(N'database.', e.name) FROM sys.extended_properties AS e WHERE e.class = 0 " +
        "ORDER BY 1, 2;";

    /// <summary>Every query, in the order <see cref="CatalogRows"/> holds their results.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Schemas, AliasTypes, Columns, TableTypeColumns, TableTypeKeys, Tables, Temporal, Sequences, Keys, Indexes, Checks, ForeignKeys, Modules, Dependencies, Synonyms, ExtendedProperties, NotScripted];
}
