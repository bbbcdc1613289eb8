using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Verification;

/// <summary>Reads every key of a database from its catalog: on the source inside the run's snapshot, on the side database after the load.</summary>
internal static class PostgreSqlKeyReader
{
    // Kind 'i': unique indexes that back no primary key, unique or exclusion constraint (those are read as constraints).
    private const string KeysSql = """
        SELECT n.nspname, c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid),
               con.convalidated AND coalesce((SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = con.conindid AND con.contype <> 'f'), true),
               ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[],
               rn.nspname, r.relname,
               ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[],
               true
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class r ON r.oid = con.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
        WHERE con.contype IN ('p', 'u', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
        UNION ALL
        SELECT n.nspname, t.relname, ic.relname, 'i', pg_get_indexdef(i.indexrelid), i.indisvalid,
               ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)::text[],
               NULL, NULL, ARRAY[]::text[], i.indexprs IS NULL AND i.indpred IS NULL
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE i.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
        """;

    public static async Task<List<KeyDefinition>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var keys = new List<KeyDefinition>();
        await using var command = new NpgsqlCommand(KeysSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new KeyDefinition(
                new QualifiedName(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                KindOf(reader.GetString(3)[0]),
                reader.GetString(4),
                reader.GetBoolean(5),
                reader.GetFieldValue<string[]>(6),
                reader.IsDBNull(7) ? null : new QualifiedName(reader.GetString(7), reader.GetString(8)),
                reader.GetFieldValue<string[]>(9),
                reader.GetBoolean(10)));
        }

        return keys;
    }

    private static KeyKind KindOf(char contype) => contype switch
    {
        'p' => KeyKind.PrimaryKey,
        'u' => KeyKind.UniqueConstraint,
        'f' => KeyKind.ForeignKey,
        _ => KeyKind.UniqueIndex,
    };
}
