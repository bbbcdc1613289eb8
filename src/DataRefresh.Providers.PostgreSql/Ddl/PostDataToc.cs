using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DataRefresh.Core.Schema;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// The schema archive's table of contents (<c>pg_restore --list</c>) with each index, constraint and trigger entry
/// assigned to the table it belongs to, so that a table's own post-data can be restored as soon as its rows are in, while
/// other tables still load (as <c>pg_restore -j</c> does). Entries carry the source's catalog ids; the owning table is
/// looked up by those ids in the source, inside the run's snapshot, never guessed from names. A foreign key is known by
/// both its tables, to be built once both are, and by whether an index of its table leads with its columns (its check
/// can then merge two index scans); every other kind stays for the final post-data pass, which restores whatever was not
/// restored early.
/// </summary>
internal sealed partial class PostDataToc
{
    // How pg_restore --list prints an entry: "<dump id>; <catalog table oid> <object oid> <kind> <schema> <name> <owner>".
    [GeneratedRegex(@"^(?<id>\d+); (?<catalog>\d+) (?<object>\d+) (?<kind>INDEX|CONSTRAINT|CHECK CONSTRAINT|TRIGGER|FK CONSTRAINT) (?!ATTACH )", RegexOptions.CultureInvariant)]
    private static partial Regex TableEntry();

    // The table an entry belongs to; for a foreign key the table it references, and whether a valid, whole btree index
    // of its own table has the key's columns first, in order (indkey is an int2vector: as text, then a 1-based array).
    private const string OwnersSql = """
        SELECT o.entry, n.nspname, c.relname, rn.nspname, r.relname, owner.indexed
        FROM unnest(@entries::int[], @catalogs::oid[], @objects::oid[]) AS o(entry, catalog, object)
        JOIN LATERAL (SELECT CASE o.catalog
            WHEN 'pg_class'::regclass THEN (SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = o.object)
            WHEN 'pg_constraint'::regclass THEN (SELECT con.conrelid FROM pg_constraint con WHERE con.oid = o.object)
            WHEN 'pg_trigger'::regclass THEN (SELECT t.tgrelid FROM pg_trigger t WHERE t.oid = o.object)
            END AS relid,
            (SELECT nullif(con.confrelid, 0) FROM pg_constraint con WHERE o.catalog = 'pg_constraint'::regclass AND con.oid = o.object) AS referenced,
            (SELECT EXISTS (
                SELECT FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
                WHERE i.indrelid = con.conrelid AND i.indisvalid AND i.indpred IS NULL AND am.amname = 'btree'
                  AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(con.conkey)] = con.conkey)
             FROM pg_constraint con WHERE o.catalog = 'pg_constraint'::regclass AND con.oid = o.object AND con.contype = 'f') AS indexed) owner ON true
        JOIN pg_class c ON c.oid = owner.relid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class r ON r.oid = owner.referenced LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
        """;

    private readonly string[] lines;
    private readonly Dictionary<QualifiedName, List<int>> byTable;
    private readonly List<(int Entry, QualifiedName Table, QualifiedName Referenced, bool Indexed)> foreignKeys;

    private PostDataToc(string[] lines, Dictionary<QualifiedName, List<int>> byTable, List<(int, QualifiedName, QualifiedName, bool)> foreignKeys)
    {
        this.lines = lines;
        this.byTable = byTable;
        this.foreignKeys = foreignKeys;
    }

    /// <param name="listing">What <c>pg_restore --list</c> printed for the archive.</param>
    /// <param name="snapshot">A connection inside the snapshot the archive was dumped in.</param>
    public static async Task<PostDataToc> ReadAsync(string listing, NpgsqlConnection snapshot, CancellationToken cancellationToken = default)
    {
        var lines = listing.Split('\n');
        var entries = new List<int>();
        var catalogs = new List<uint>();
        var objects = new List<uint>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (TableEntry().Match(lines[index]) is { Success: true } match)
            {
                entries.Add(index);
                catalogs.Add(uint.Parse(match.Groups["catalog"].Value, CultureInfo.InvariantCulture));
                objects.Add(uint.Parse(match.Groups["object"].Value, CultureInfo.InvariantCulture));
            }
        }

        var byTable = new Dictionary<QualifiedName, List<int>>();
        var foreignKeys = new List<(int, QualifiedName, QualifiedName, bool)>();
        await using var command = new NpgsqlCommand(OwnersSql, snapshot);
        command.Parameters.AddWithValue("entries", entries.ToArray());
        command.Parameters.Add(new NpgsqlParameter("catalogs", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = catalogs.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("objects", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = objects.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = new QualifiedName(reader.GetString(1), reader.GetString(2));
            if (!reader.IsDBNull(3))
            {
                foreignKeys.Add((reader.GetInt32(0), table, new QualifiedName(reader.GetString(3), reader.GetString(4)), reader.GetBoolean(5)));
                continue;
            }

            if (!byTable.TryGetValue(table, out var owned))
            {
                byTable[table] = owned = [];
            }

            owned.Add(reader.GetInt32(0));
        }

        return new PostDataToc(lines, byTable, foreignKeys);
    }

    /// <summary>The entries (by position) that belong to <paramref name="table"/> alone: its indexes, constraints other than foreign keys, and triggers.</summary>
    public IReadOnlyList<int> EntriesOf(QualifiedName table) => byTable.GetValueOrDefault(table) ?? [];

    /// <summary>The foreign keys (by position) between tables that are all in <paramref name="tables"/>.</summary>
    public IReadOnlyList<int> ForeignKeysAmong(IReadOnlySet<QualifiedName> tables) =>
        [.. foreignKeys.Where(key => tables.Contains(key.Table) && tables.Contains(key.Referenced)).Select(key => key.Entry)];

    /// <summary>
    /// Whether the foreign key at <paramref name="entry"/> is checked fastest by merging two index scans: an index of its
    /// table leads with its columns (built with the table's own entries), the key it references has one by definition,
    /// and both tables are in <paramref name="frozenTables"/> (loaded with COPY FREEZE, so every page is all-visible and
    /// both scans read the indexes alone).
    /// </summary>
    public bool IsCheckedByIndexes(int entry, IReadOnlySet<QualifiedName> frozenTables) =>
        foreignKeys.Any(key => key.Entry == entry && key.Indexed && frozenTables.Contains(key.Table) && frozenTables.Contains(key.Referenced));

    /// <summary>A list file for <c>pg_restore -L</c>: every entry, with those not in <paramref name="include"/> commented out.</summary>
    public string ListOnly(IReadOnlyCollection<int> include) => List(index => include.Contains(index));

    /// <summary>A list file for <c>pg_restore -L</c>: every entry except those in <paramref name="exclude"/>.</summary>
    public string ListWithout(IReadOnlyCollection<int> exclude) => List(index => !exclude.Contains(index));

    private string List(Func<int, bool> keep)
    {
        var list = new StringBuilder();
        for (var index = 0; index < lines.Length; index++)
        {
            list.Append(keep(index) || lines[index].StartsWith(';') ? "" : ";").Append(lines[index]).Append('\n');
        }

        return list.ToString();
    }
}
