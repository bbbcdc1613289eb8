using DataRefresh.Core.Providers;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Schema;

/// <summary>
/// What a PostgreSQL source holds beyond its tables' columns and keys, by kind and name, read inside the snapshot: views,
/// materialized views, functions, triggers, extensions, partitions, standalone sequences, plain indexes other engines
/// cannot build from their columns, check constraints and user-defined types; and the plain indexes they can build. A
/// target of another engine lists the ones it cannot create. Generated columns are in the model, and
/// <see cref="SchemaObject.UnportableGeneratedColumns"/> names the ones no other engine builds. Objects that belong to
/// an extension are the extension's, and counted with it.
/// </summary>
internal static class PostgreSqlSchemaObjects
{
    private const string UserSchema = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";

    // Plain indexes of copied tables (not a partition's own); the ones over columns alone, as a search tree, are described
    // by ReadIndexesAsync for other engines to build, the rest are listed by name.
    private static readonly string PlainIndexes = $"""
        pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
                   JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT i.indisunique AND c.relkind IN ('r', 'p') AND {UserSchema}
          AND NOT EXISTS (SELECT 1 FROM pg_inherits inh WHERE inh.inhrelid = c.oid)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        """;

    // Ascending, nulls last (no indoption bit set): the order every engine's plain index has.
    private const string OverColumns =
        "i.indpred IS NULL AND i.indexprs IS NULL AND am.amname IN ('btree', 'hash') AND NOT EXISTS (SELECT 1 FROM unnest(i.indoption::int2[]) o WHERE o <> 0)";

    private static readonly string Sql = $"""
        SELECT kind, name FROM (
            SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END AS kind, n.nspname || '.' || c.relname AS name
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('v', 'm') AND {UserSchema} AND {NotFromExtension("c.oid")}
          UNION ALL
            SELECT 'function', n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE {UserSchema} AND {NotFromExtension("p.oid")}
          UNION ALL
            SELECT 'trigger', t.tgname || ' on ' || n.nspname || '.' || c.relname
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal
          UNION ALL
            SELECT 'extension', e.extname FROM pg_extension e WHERE e.extname <> 'plpgsql'
          UNION ALL
            SELECT 'partition', n.nspname || '.' || c.relname
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class parent ON parent.oid = i.inhparent
            WHERE parent.relkind = 'p'
          UNION ALL
            SELECT 'sequence', n.nspname || '.' || c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' AND {UserSchema}
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
          UNION ALL
            SELECT 'index', n.nspname || '.' || ic.relname
            FROM {PlainIndexes}
              AND NOT ({OverColumns})
          UNION ALL
            SELECT 'check constraint', con.conname || ' on ' || n.nspname || '.' || (SELECT relname FROM pg_class WHERE oid = con.conrelid)
            FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
            WHERE con.contype = 'c' AND con.conrelid <> 0 AND {UserSchema} AND con.conislocal
          UNION ALL
            SELECT CASE t.typtype WHEN 'e' THEN 'enum type' ELSE 'domain' END, n.nspname || '.' || t.typname
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd') AND {UserSchema} AND {NotFromExtension("t.oid")}
        ) objects
        ORDER BY kind, name
        """;

    private static readonly string IndexesSql = $"""
        SELECT n.nspname, c.relname, ic.relname,
               ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)
        FROM {PlainIndexes}
          AND {OverColumns}
        ORDER BY 1, 2, 3
        """;

    private static string NotFromExtension(string oid) => $"NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {oid} AND d.deptype = 'e')";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "A fixed catalog query assembled from constants.")]
    public static async Task<IReadOnlyList<SchemaObject>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var objects = new List<SchemaObject>();
        while (await reader.ReadAsync(cancellationToken))
        {
            objects.Add(new SchemaObject(reader.GetString(0), reader.GetString(1)));
        }

        return objects;
    }

    /// <summary>The plain indexes over columns alone (see <see cref="IndexDefinition"/>), by table.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "A fixed catalog query assembled from constants.")]
    public static async Task<IReadOnlyList<IndexDefinition>> ReadIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(IndexesSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var indexes = new List<IndexDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add(new IndexDefinition(new Core.Schema.QualifiedName(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetFieldValue<string[]>(3)));
        }

        return indexes;
    }
}
