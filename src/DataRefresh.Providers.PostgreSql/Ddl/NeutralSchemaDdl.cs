using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Schema;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// The DDL that builds another engine's schema here, from the neutral model: schemas and tables with their columns'
/// types, NOT NULL and, for an enumerated column, a check that keeps it to its labels (pre-data), then primary keys,
/// unique constraints, unique indexes, foreign keys and plain indexes (post-data). What the model cannot say — defaults,
/// other checks, indexes over expressions, views, triggers — is not created; what it says but PostgreSQL cannot be built
/// from (a column of no known kind, a column computed by the source's own SQL, a unique index over expressions) is
/// refused by <see cref="Check"/> before any row moves.
/// </summary>
internal static class NeutralSchemaDdl
{
    /// <summary>Refuses, naming the first table and column, a schema this builder would have to guess at.</summary>
    public static void Check(SchemaExport schema)
    {
        foreach (var table in schema.Schema.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column is { IsGenerated: true, Expression: null })
                {
                    throw Refused($"column {table.Name}.{column.Name} is computed by the {schema.Engine} source ({column.DataType}) from an expression in its own SQL, which cannot be rebuilt on PostgreSQL");
                }

                if (PostgreSqlTypes.ForNeutral(column) is null)
                {
                    throw Refused($"column {table.Name}.{column.Name} has the {schema.Engine} type {column.DataType}, which has no PostgreSQL counterpart in this version");
                }
            }
        }

        if (schema.UnbuildableKey() is { } unbuildable)
        {
            throw Refused(unbuildable);
        }
    }

    public static IReadOnlyList<string> PreData(DatabaseSchema schema)
    {
        var statements = schema.Tables
            .Select(table => table.Name.Schema)
            .Distinct(StringComparer.Ordinal)
            .Select(name => $"CREATE SCHEMA IF NOT EXISTS {PostgreSqlDialect.Quote(name)}")
            .ToList();
        foreach (var table in schema.Tables)
        {
            var columns = table.Columns.Select(column =>
                $"{PostgreSqlDialect.Quote(column.Name)} {PostgreSqlTypes.ForNeutral(column)!.Value.Declaration}{(column.NotNull ? " NOT NULL" : "")}" +
                (column.Labels is { } labels ? " " + PostgreSqlDialect.LabelCheck(column.Name, labels) : "") +
                (column.Expression is { } expression ? $" GENERATED ALWAYS AS ({expression}) STORED" : ""));
            statements.Add($"CREATE TABLE {PostgreSqlDialect.Quote(table.Name)} ({string.Join(", ", columns)})");
        }

        return statements;
    }

    /// <summary>Keys in dependency order (primary and unique ones first, since foreign keys reference them), then plain indexes.</summary>
    public static IReadOnlyList<string> PostData(IReadOnlyList<KeyDefinition> keys, IReadOnlyList<IndexDefinition> indexes) =>
    [
        .. keys.Where(key => !key.IsForeignKey).Select(Unique),
        .. keys.Where(key => key.IsForeignKey).Select(Foreign),
        .. indexes.Select(index => $"CREATE INDEX {PostgreSqlDialect.Quote(index.Name)} ON {PostgreSqlDialect.Quote(index.Table)} ({PostgreSqlDialect.QuoteList(index.Columns)})"),
    ];

    private static string Unique(KeyDefinition key)
    {
        var columns = PostgreSqlDialect.QuoteList(key.Columns);
        return key.Kind switch
        {
            KeyKind.PrimaryKey => $"ALTER TABLE {PostgreSqlDialect.Quote(key.Table)} ADD CONSTRAINT {PostgreSqlDialect.Quote(key.Name)} PRIMARY KEY ({columns})",
            KeyKind.UniqueConstraint => $"ALTER TABLE {PostgreSqlDialect.Quote(key.Table)} ADD CONSTRAINT {PostgreSqlDialect.Quote(key.Name)} UNIQUE ({columns})",
            _ => $"CREATE UNIQUE INDEX {PostgreSqlDialect.Quote(key.Name)} ON {PostgreSqlDialect.Quote(key.Table)} ({columns})",
        };
    }

    // A key the source never checked stays unchecked here too: verification checks its rows (PostgreSqlKeyVerifier).
    private static string Foreign(KeyDefinition key) =>
        $"ALTER TABLE {PostgreSqlDialect.Quote(key.Table)} ADD CONSTRAINT {PostgreSqlDialect.Quote(key.Name)} " +
        $"FOREIGN KEY ({PostgreSqlDialect.QuoteList(key.Columns)}) REFERENCES {PostgreSqlDialect.Quote(key.ReferencedTable!)} " +
        $"({PostgreSqlDialect.QuoteList(key.ReferencedColumns)}){(key.Valid ? "" : " NOT VALID")}";

    private static DataRefreshException Refused(string what) =>
        new(ExitCodes.Configuration, $"The schema cannot be built on the PostgreSQL target: {what}. This version cannot build it: refresh into a target of the same engine as the source.");
}
