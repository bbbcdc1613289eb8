using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

// The source's schema as SQL Server's catalog views (sys.*) describe it: what SqlServerScripter turns into T-SQL. Names
// and definitions only, never data. Each record is one catalog row (or a few joined), so a fixture of a sample schema
// stands in for a server in tests.

/// <summary>A schema (<c>sys.schemas</c>) other than dbo and the system ones.</summary>
internal sealed record CatalogSchema(string Name);

/// <summary>An alias type (<c>sys.types</c>, is_user_defined, not a table type): <c>CREATE TYPE x FROM nvarchar(20) NOT NULL</c>.</summary>
internal sealed record CatalogAliasType(QualifiedName Name, string BaseDeclaration, bool Nullable);

/// <summary>A table type (<c>sys.table_types</c>) with its columns and primary key.</summary>
internal sealed record CatalogTableType(QualifiedName Name, IReadOnlyList<CatalogColumn> Columns, IReadOnlyList<string> PrimaryKey);

/// <summary>A sequence (<c>sys.sequences</c>); its current value is set after the load.</summary>
internal sealed record CatalogSequence(QualifiedName Name, string Declaration, long Start, long Increment, long Minimum, long Maximum, bool Cycle, int? Cache);

/// <summary>An identity column's seed and increment (<c>sys.identity_columns</c>).</summary>
internal sealed record CatalogIdentity(long Seed, long Increment);

/// <summary>
/// A column (<c>sys.columns</c> with its default, computed and identity rows). <paramref name="Declaration"/> is the type
/// as T-SQL declares it (an alias type by its two-part name); <paramref name="Computed"/> the expression of a computed
/// column; <paramref name="Period"/> ROW START or ROW END for a temporal table's period columns.
/// </summary>
internal sealed record CatalogColumn(
    string Name,
    string Declaration,
    bool Nullable,
    string? Collation = null,
    string? DefaultName = null,
    string? Default = null,
    CatalogIdentity? Identity = null,
    string? Computed = null,
    bool Persisted = false,
    bool Sparse = false,
    string? Period = null,
    bool Hidden = false);

/// <summary>A system-versioned table's period and history table (<c>sys.periods</c>, <c>sys.tables.history_table_id</c>).</summary>
internal sealed record CatalogTemporal(string StartColumn, string EndColumn, QualifiedName HistoryTable);

/// <summary>
/// A table. <paramref name="DependsOn"/> names the functions its computed columns, defaults and checks call, which
/// must exist before it (<c>sys.sql_expression_dependencies</c>).
/// </summary>
internal sealed record CatalogTable(QualifiedName Name, IReadOnlyList<CatalogColumn> Columns, CatalogTemporal? Temporal = null, IReadOnlyList<QualifiedName>? DependsOn = null);

/// <summary>A column of an index or key, ascending unless <paramref name="Descending"/>.</summary>
internal sealed record CatalogIndexColumn(string Name, bool Descending = false);

/// <summary>A primary key or unique constraint (<c>sys.key_constraints</c>).</summary>
internal sealed record CatalogKey(QualifiedName Table, string Name, bool Primary, bool Clustered, IReadOnlyList<CatalogIndexColumn> Columns);

/// <summary>
/// An index that is not a key constraint (<c>sys.indexes</c>): <paramref name="Kind"/> is CLUSTERED, NONCLUSTERED,
/// CLUSTERED COLUMNSTORE or NONCLUSTERED COLUMNSTORE; <paramref name="Filter"/> a filtered index's predicate.
/// </summary>
internal sealed record CatalogIndex(QualifiedName Table, string Name, bool Unique, string Kind, IReadOnlyList<CatalogIndexColumn> Columns, IReadOnlyList<string> Included, string? Filter = null);

/// <summary>A check constraint (<c>sys.check_constraints</c>).</summary>
internal sealed record CatalogCheck(QualifiedName Table, string Name, string Definition);

/// <summary>A foreign key (<c>sys.foreign_keys</c>); <paramref name="OnDelete"/> and <paramref name="OnUpdate"/> as T-SQL says them (NO ACTION, CASCADE, SET NULL, SET DEFAULT).</summary>
internal sealed record CatalogForeignKey(QualifiedName Table, string Name, IReadOnlyList<string> Columns, QualifiedName Referenced, IReadOnlyList<string> ReferencedColumns, string OnDelete = "NO ACTION", string OnUpdate = "NO ACTION");

/// <summary>
/// A view, function, procedure or trigger (<c>sys.sql_modules</c>): its definition as written, and the modules it
/// references (<c>sys.sql_expression_dependencies</c>), which must be created first. A trigger names its table.
/// </summary>
internal sealed record CatalogModule(QualifiedName Name, string Kind, string Definition, IReadOnlyList<QualifiedName> DependsOn, QualifiedName? Table = null);

/// <summary>A synonym (<c>sys.synonyms</c>) and the object it names, as written.</summary>
internal sealed record CatalogSynonym(QualifiedName Name, string BaseObject);

/// <summary>
/// An extended property (<c>sys.extended_properties</c>) on a schema, a table or view (<paramref name="Object"/>), or a
/// column of it (<paramref name="Column"/>). Its value is documentation (MS_Description), never row data.
/// </summary>
internal sealed record CatalogExtendedProperty(string Name, string Value, string Schema, string? Object = null, string ObjectKind = "TABLE", string? Column = null);

/// <summary>Everything the scripter builds, as read from one source database.</summary>
internal sealed record SqlServerCatalog(
    IReadOnlyList<CatalogSchema> Schemas,
    IReadOnlyList<CatalogAliasType> AliasTypes,
    IReadOnlyList<CatalogTableType> TableTypes,
    IReadOnlyList<CatalogSequence> Sequences,
    IReadOnlyList<CatalogTable> Tables,
    IReadOnlyList<CatalogKey> Keys,
    IReadOnlyList<CatalogIndex> Indexes,
    IReadOnlyList<CatalogCheck> Checks,
    IReadOnlyList<CatalogForeignKey> ForeignKeys,
    IReadOnlyList<CatalogModule> Modules,
    IReadOnlyList<CatalogSynonym> Synonyms,
    IReadOnlyList<CatalogExtendedProperty> ExtendedProperties);
