using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Connections;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Schema;

/// <summary>
/// Reads the tables to copy from the catalog, inside the caller's snapshot transaction. Partitions are reached through
/// their partitioned parent; system schemas and tables owned by extensions are left to the extensions.
/// </summary>
internal static class PostgreSqlSchemaReader
{
    // First OID handed to user objects; built-in types keep their OIDs in every database.
    private const uint FirstNormalObjectId = 16384;

    private const string TablesSql = """
        SELECT c.oid, n.nspname, c.relname, c.relkind = 'p',
               CASE WHEN c.relkind = 'p'
                    THEN (SELECT coalesce(sum(greatest(p.reltuples, 0)), 0) FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid WHERE t.isleaf)
                    ELSE greatest(c.reltuples, 0) END::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        """;

    private const string ColumnsSql = """
        SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.atttypid, a.atttypmod, a.attnotnull, a.attgenerated <> '',
               CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = ANY(@tables) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """;

    private const string TypesSql = """
        SELECT t.oid, n.nspname, t.typname, t.typtype, t.typbasetype, t.typtypmod, t.typelem, t.typcategory,
               CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        """;

    private const string ForeignKeysSql = """
        SELECT con.conrelid, con.conname, con.confrelid,
               ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
               ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)
        FROM pg_constraint con
        WHERE con.contype = 'f' AND con.conparentid = 0 AND con.conrelid = ANY(@tables)
        """;

    // Plain unique indexes (primary keys and unique constraints have one too); expression and partial ones are left out,
    // because their columns alone need not be distinct.
    private const string UniqueKeysSql = """
        SELECT i.indrelid,
               ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord)
        FROM pg_index i
        WHERE i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indrelid = ANY(@tables)
        """;

    public static async Task<PostgreSqlSchema> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var tables = new Dictionary<uint, (QualifiedName Name, bool Partitioned, long Rows)>();
        await using (var command = new NpgsqlCommand(TablesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables[reader.GetFieldValue<uint>(0)] = (new QualifiedName(reader.GetString(1), reader.GetString(2)), reader.GetBoolean(3), reader.GetInt64(4));
            }
        }

        var types = await ReadTypesAsync(connection, cancellationToken);
        var tableOids = tables.Keys.ToArray();
        var columns = tableOids.ToDictionary(oid => oid, _ => new List<(ColumnInfo Info, PostgreSqlColumnType Type)>());
        var expressions = new Dictionary<(uint Table, string Column), string>();
        await using (var command = new NpgsqlCommand(ColumnsSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = tableOids });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns[reader.GetFieldValue<uint>(0)].Add(DescribeColumn(
                    reader.GetString(1), reader.GetString(2), reader.GetFieldValue<uint>(3), reader.GetInt32(4), reader.GetBoolean(5), reader.GetBoolean(6), types));
                if (!reader.IsDBNull(7))
                {
                    expressions[(reader.GetFieldValue<uint>(0), reader.GetString(1))] = reader.GetString(7);
                }
            }
        }

        var foreignKeys = tableOids.ToDictionary(oid => oid, _ => new List<ForeignKeyInfo>());
        await using (var command = new NpgsqlCommand(ForeignKeysSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = tableOids });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var referenced = reader.GetFieldValue<uint>(2);
                if (tables.TryGetValue(referenced, out var parent))
                {
                    foreignKeys[reader.GetFieldValue<uint>(0)].Add(new ForeignKeyInfo(
                        reader.GetString(1), reader.GetFieldValue<string[]>(3), parent.Name, reader.GetFieldValue<string[]>(4)));
                }
            }
        }

        var uniqueKeys = tableOids.ToDictionary(oid => oid, _ => new List<IReadOnlyList<string>>());
        await using (var command = new NpgsqlCommand(UniqueKeysSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = tableOids });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                uniqueKeys[reader.GetFieldValue<uint>(0)].Add(reader.GetFieldValue<string[]>(1));
            }
        }

        var tableInfos = tables
            .Select(pair => PortableExpression.ForGeneratedColumns(
                new TableInfo(pair.Value.Name, columns[pair.Key].Select(column => column.Info).ToList(), foreignKeys[pair.Key], pair.Value.Rows, pair.Value.Partitioned, uniqueKeys[pair.Key]),
                column => expressions.GetValueOrDefault((pair.Key, column.Name))))
            .OrderBy(table => table.Name.ToString(), StringComparer.Ordinal)
            .ToList();
        var columnTypes = tables.ToDictionary(
            pair => pair.Value.Name,
            pair => (IReadOnlyList<PostgreSqlColumnType>)columns[pair.Key].Select(column => column.Type).ToList());
        var largeObjectCount = await PostgreSqlConnections.ScalarAsync<long>(connection, "SELECT count(*) FROM pg_largeobject_metadata", cancellationToken);
        return new PostgreSqlSchema(new DatabaseSchema(tableInfos, largeObjectCount), columnTypes);
    }

    private static (ColumnInfo, PostgreSqlColumnType) DescribeColumn(
        string name, string dataType, uint typeOid, int typmod, bool notNull, bool generated, Dictionary<uint, TypeRow> types)
    {
        // Domains are stored as their base type; the length limit may come from the domain's declaration.
        var type = types[typeOid];
        while (type.Kind == 'd')
        {
            typmod = typmod >= 0 ? typmod : type.BaseTypmod;
            type = types[type.BaseType];
        }

        int? maxLength = type.Name is "varchar" or "bpchar" && typmod >= 4 ? typmod - 4 : null;
        var element = type.Category == 'A' && types.TryGetValue(type.Element, out var elementType) ? elementType : null;
        var elementBase = element;
        while (elementBase is { Kind: 'd' })
        {
            elementBase = types[elementBase.BaseType];
        }

        var needsText = type.Kind == 'c' || elementBase?.Kind == 'c';
        var userElement = element is not null && element.Oid >= FirstNormalObjectId ? new QualifiedName(element.Schema, element.Name) : null;
        var (precision, scale) = NumericBounds(type.Name, typmod);
        if (elementBase is not null && !needsText)
        {
            // Masks other than null and constant apply to each element; a varchar(n)[] limits its elements to n.
            int? elementLength = elementBase.Name is "varchar" or "bpchar" && typmod >= 4 ? typmod - 4 : null;
            var (elementPrecision, elementScale) = NumericBounds(elementBase.Name, typmod);
            var elementInfo = new ColumnInfo(name, elementBase.Name, elementBase.Name, PostgreSqlTypes.Of(elementBase.Name), elementLength, NotNull: false, IsGenerated: false, elementPrecision, elementScale, FloatingPoint: PostgreSqlTypes.IsFloatingPoint(elementBase.Name));
            var array = new ColumnInfo(name, dataType, type.Name, ColumnCategory.Array, null, notNull, generated, Element: elementInfo);
            return (array, new PostgreSqlColumnType(type.Name, userElement, needsText, elementBase.Name, element!.Oid));
        }

        var info = new ColumnInfo(name, dataType, type.Name, PostgreSqlTypes.Of(type.Name), maxLength, notNull, generated, precision, scale, FloatingPoint: PostgreSqlTypes.IsFloatingPoint(type.Name), Labels: type.Labels);
        return (info, new PostgreSqlColumnType(type.Name, userElement, needsText, IsEnum: type.Labels is not null));
    }

    /// <summary>Integer widths in bits; numeric(p,s) from its type modifier (precision in the high 16 bits, after the 4-byte header).</summary>
    private static (int? Precision, int? Scale) NumericBounds(string baseType, int typmod) => baseType switch
    {
        "int2" => (16, 0),
        "int4" => (32, 0),
        "int8" => (64, 0),
        "numeric" when typmod >= 4 => (((typmod - 4) >> 16) & 0xFFFF, (typmod - 4) & 0x7FF),
        _ => (null, null),
    };

    private static async Task<Dictionary<uint, TypeRow>> ReadTypesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var types = new Dictionary<uint, TypeRow>();
        await using var command = new NpgsqlCommand(TypesSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new TypeRow(
                reader.GetFieldValue<uint>(0), reader.GetString(1), reader.GetString(2), reader.GetChar(3),
                reader.GetFieldValue<uint>(4), reader.GetInt32(5), reader.GetFieldValue<uint>(6), reader.GetChar(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<string[]>(8));
            types[row.Oid] = row;
        }

        return types;
    }

    /// <param name="Labels">An enum's labels in their declared order; null for every other kind of type.</param>
    private sealed record TypeRow(uint Oid, string Schema, string Name, char Kind, uint BaseType, int BaseTypmod, uint Element, char Category, string[]? Labels);
}
