using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// One database of an <see cref="InMemoryServer"/>: tables with rows, sequences and keys. Every member is safe to call
/// from parallel copy workers; reads return copies, so a caller never sees a later write.
/// </summary>
public sealed class InMemoryDatabase
{
    private readonly Lock sync = new();
    private readonly Dictionary<QualifiedName, InMemoryTable> tables = [];
    private readonly Dictionary<QualifiedName, long> sequences = [];
    private readonly List<KeyDefinition> keys = [];

    public InMemoryDatabase(string name)
    {
        Name = name;
    }

    public string Name { get; internal set; }

    /// <summary>The tables in the order they were added, each estimated at its current row count.</summary>
    public DatabaseSchema Schema
    {
        get
        {
            lock (sync)
            {
                return new DatabaseSchema([.. tables.Values.Select(table => table.Info with { EstimatedRows = table.Rows.Count })]);
            }
        }
    }

    public IReadOnlyList<KeyDefinition> Keys
    {
        get
        {
            lock (sync)
            {
                return [.. keys];
            }
        }
    }

    public IReadOnlyDictionary<QualifiedName, long> Sequences
    {
        get
        {
            lock (sync)
            {
                return new Dictionary<QualifiedName, long>(sequences);
            }
        }
    }

    public bool HasTable(QualifiedName table)
    {
        lock (sync)
        {
            return tables.ContainsKey(table);
        }
    }

    public void AddTable(TableInfo table, IEnumerable<object?[]>? rows = null)
    {
        lock (sync)
        {
            tables.Add(table.Name, new InMemoryTable(table, rows));
        }
    }

    /// <summary>Appends rows, each in the table's column order, checking NOT NULL as an engine would.</summary>
    public void Insert(QualifiedName table, IEnumerable<object?[]> rows)
    {
        lock (sync)
        {
            var target = Find(table);
            var added = rows.Select(row => (object?[])row.Clone()).ToList();
            CheckNotNull(target, added);
            target.Rows.AddRange(added);
        }
    }

    /// <summary>Replaces every row at once (a whole-table load in the transaction that emptied the table).</summary>
    public void Replace(QualifiedName table, IEnumerable<object?[]> rows)
    {
        lock (sync)
        {
            var target = Find(table);
            var replacement = rows.Select(row => (object?[])row.Clone()).ToList();
            CheckNotNull(target, replacement);
            target.Rows.Clear();
            target.Rows.AddRange(replacement);
        }
    }

    /// <summary>A copy of every row, in table column order.</summary>
    public IReadOnlyList<object?[]> Rows(QualifiedName table)
    {
        lock (sync)
        {
            return [.. Find(table).Rows.Select(row => (object?[])row.Clone())];
        }
    }

    public TableInfo Table(QualifiedName table)
    {
        lock (sync)
        {
            return Find(table).Info;
        }
    }

    public int ColumnIndex(QualifiedName table, string column)
    {
        lock (sync)
        {
            return Find(table).ColumnIndex(column);
        }
    }

    public void SetSequence(QualifiedName sequence, long lastValue)
    {
        lock (sync)
        {
            sequences[sequence] = lastValue;
        }
    }

    public void AddKey(KeyDefinition key)
    {
        lock (sync)
        {
            keys.Add(key);
        }
    }

    /// <summary>A deep copy under <paramref name="name"/>: what a snapshot sees, or a side database's starting point.</summary>
    public InMemoryDatabase Copy(string name)
    {
        lock (sync)
        {
            var copy = new InMemoryDatabase(name);
            foreach (var (tableName, table) in tables)
            {
                copy.tables.Add(tableName, table.Copy());
            }

            foreach (var (sequence, value) in sequences)
            {
                copy.sequences.Add(sequence, value);
            }

            copy.keys.AddRange(keys);
            return copy;
        }
    }

    private InMemoryTable Find(QualifiedName table) =>
        tables.GetValueOrDefault(table) ?? throw new InMemoryDatabaseException($"database {Name} has no table {table}", isTransient: false);

    private static void CheckNotNull(InMemoryTable table, List<object?[]> rows)
    {
        for (var column = 0; column < table.Info.Columns.Count; column++)
        {
            var info = table.Info.Columns[column];
            if (info.NotNull && !info.IsGenerated && rows.Any(row => row[column] is null))
            {
                throw new InMemoryDatabaseException($"null value in column {info.Name} of table {table.Info.Name} violates its NOT NULL constraint", isTransient: false);
            }
        }
    }
}
