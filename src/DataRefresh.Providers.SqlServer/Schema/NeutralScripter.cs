using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;

namespace DataRefresh.Providers.SqlServer.Schema;

/// <summary>
/// Scripts another engine's schema (the neutral model: a PostgreSQL or SQLite source, a CSV snapshot) as T-SQL, in the
/// statements the side database is built from when the source is not SQL Server: schemas and tables with their columns'
/// types (<see cref="SqlServerTypes.ForNeutral"/>), NULL or NOT NULL and, for an enumerated column, a check that keeps
/// it to its labels (pre-data); each table's primary key, unique keys and plain indexes once its rows are in; foreign keys
/// after. Text compares byte for byte (<see cref="BinaryCollation"/>) as it did in the source, where the server's
/// default collation would find 'a' and 'A' equal and refuse rows a unique key held apart. A unique key over a nullable
/// column is a unique index filtered to rows without NULLs, so it admits many NULLs as the other engines do. What the
/// model cannot say (defaults, other checks, views, triggers) is not built and named by the source; what it says but
/// this builder cannot build is refused by <see cref="Check"/> before any row moves.
/// </summary>
internal static class NeutralScripter
{
    /// <summary>Code point order, no case or accent folding: PostgreSQL's "C" collation and SQLite's BINARY.</summary>
    public const string BinaryCollation = "Latin1_General_100_BIN2";

    /// <summary>Refuses, naming the first table and column, a schema this builder would have to guess at.</summary>
    public static void Check(SchemaExport schema)
    {
        foreach (var table in schema.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.IsGenerated)
                {
                    throw Refused($"column {table.Name}.{column.Name} is computed by the {schema.Engine} source, and computed columns are not built on SQL Server from another engine in this version");
                }

                if (SqlServerTypes.ForNeutral(column) is null)
                {
                    throw Refused($"column {table.Name}.{column.Name} has the {schema.Engine} type {column.DataType}, which has no SQL Server counterpart in this version");
                }
            }
        }

        if (schema.UnbuildableKey() is { } unbuildable)
        {
            throw Refused(unbuildable);
        }
    }

    public static IReadOnlyList<ScriptedStatement> Script(SchemaExport schema)
    {
        var tables = schema.Schema.Tables;
        var nullable = tables.ToDictionary(table => table.Name, table => table.Columns.Where(column => !column.NotNull).Select(column => column.Name).ToHashSet(StringComparer.Ordinal));
        var statements = new List<ScriptedStatement>();
        statements.AddRange(tables.Select(table => table.Name.Schema).Where(name => name != SqlServerDialect.DefaultSchema).Distinct(StringComparer.Ordinal)
            .Select(name => new ScriptedStatement(SchemaSection.PreData, null, $"schema {name}", $"CREATE SCHEMA {SqlServerDialect.Quote(name)};")));
        statements.AddRange(tables.Select(table => new ScriptedStatement(SchemaSection.PreData, null, $"table {table.Name}", Table(table))));
        foreach (var table in tables)
        {
            statements.AddRange(schema.Keys.Where(key => key.Table == table.Name && !key.IsForeignKey)
                .Select(key => new ScriptedStatement(SchemaSection.PostData, table.Name, key.Describe(), UniqueKey(key, nullable[table.Name]))));
            statements.AddRange(schema.Indexes.Where(index => index.Table == table.Name)
                .Select(index => new ScriptedStatement(SchemaSection.PostData, table.Name, $"index {index.Name}", $"CREATE INDEX {SqlServerDialect.Quote(index.Name)} ON {SqlServerDialect.Quote(index.Table)} ({SqlServerDialect.QuoteList(index.Columns)});")));
        }

        statements.AddRange(schema.Keys.Where(key => key.IsForeignKey).Select(key => new ScriptedStatement(SchemaSection.PostData, null, key.Describe(), ForeignKey(key))
        {
            ForeignKeyTables = new HashSet<QualifiedName> { key.Table, key.ReferencedTable! },
        }));
        return statements;
    }

    /// <summary>A column as the writer sends it: the source's description with the SQL Server type it was built with.</summary>
    public static ColumnInfo AsBuilt(ColumnInfo column)
    {
        var declaration = SqlServerTypes.ForNeutral(column)!;
        var open = declaration.IndexOf('(', StringComparison.Ordinal);
        return column with { NativeType = open < 0 ? declaration : declaration[..open] };
    }

    private static string Table(TableInfo table)
    {
        var columns = table.Columns.Select(column =>
        {
            var declaration = SqlServerTypes.ForNeutral(column)!;
            var collation = declaration.StartsWith("nvarchar", StringComparison.Ordinal) ? $" COLLATE {BinaryCollation}" : "";
            var labels = column.Labels is { } values
                ? $" CHECK ({SqlServerDialect.Quote(column.Name)} IN ({string.Join(", ", values.Select(SqlServerDialect.Literal))}))"
                : "";
            return $"{SqlServerDialect.Quote(column.Name)} {declaration}{collation} {(column.NotNull ? "NOT NULL" : "NULL")}{labels}";
        });
        return $"CREATE TABLE {SqlServerDialect.Quote(table.Name)} (\n    {string.Join(",\n    ", columns)}\n);";
    }

    private static string UniqueKey(KeyDefinition key, IReadOnlySet<string> nullableColumns)
    {
        var table = SqlServerDialect.Quote(key.Table);
        var columns = SqlServerDialect.QuoteList(key.Columns);
        var nullable = key.Columns.Where(nullableColumns.Contains).ToList();
        return key.Kind switch
        {
            KeyKind.PrimaryKey => $"ALTER TABLE {table} ADD CONSTRAINT {SqlServerDialect.Quote(key.Name)} PRIMARY KEY ({columns});",
            KeyKind.UniqueConstraint when nullable.Count == 0 => $"ALTER TABLE {table} ADD CONSTRAINT {SqlServerDialect.Quote(key.Name)} UNIQUE ({columns});",
            _ when nullable.Count == 0 => $"CREATE UNIQUE INDEX {SqlServerDialect.Quote(key.Name)} ON {table} ({columns});",
            _ => $"CREATE UNIQUE INDEX {SqlServerDialect.Quote(key.Name)} ON {table} ({columns}) WHERE {string.Join(" AND ", nullable.Select(column => $"{SqlServerDialect.Quote(column)} IS NOT NULL"))};",
        };
    }

    // A key the source never checked stays unchecked here too (WITH NOCHECK, not trusted): verification says so.
    private static string ForeignKey(KeyDefinition key) =>
        $"ALTER TABLE {SqlServerDialect.Quote(key.Table)} WITH {(key.Valid ? "CHECK" : "NOCHECK")} ADD CONSTRAINT {SqlServerDialect.Quote(key.Name)} " +
        $"FOREIGN KEY ({SqlServerDialect.QuoteList(key.Columns)}) REFERENCES {SqlServerDialect.Quote(key.ReferencedTable!)} ({SqlServerDialect.QuoteList(key.ReferencedColumns)});";

    private static DataRefreshException Refused(string what) =>
        new(ExitCodes.Configuration, $"The schema cannot be built on the SQL Server target: {what}. Refresh into a target of the same engine as the source. The target was not changed.");
}
