using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using DataRefresh.Providers.Sqlite.Connections;
using DataRefresh.Providers.Sqlite.Copy;
using DataRefresh.Providers.Sqlite.Errors;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Target;

/// <summary>
/// The side file a refresh loads into, <c>&lt;target&gt;__refresh_&lt;run&gt;</c> in the target's folder, through one
/// connection (SQLite has one writer per file; a gate hands the connection to one writer or schema step at a time). The
/// load runs with the journal in memory and without syncs — a failed run throws the file away anyway — and the file is
/// flushed to disk before cut-over. Cut-over is one <c>rename</c> over the target, which is atomic: a kill leaves the
/// target's name on the old file or the new one. Disposed without a cut-over, the side file is deleted.
/// </summary>
internal sealed class SqliteTargetLoad : ITargetLoad
{
    private readonly SqliteConnectionInfo target;
    private readonly SqliteConnectionInfo side;
    private readonly string runId;
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool cutOver;

    private SqliteTargetLoad(SqliteConnectionInfo target, SqliteConnectionInfo side, string runId, SqliteConnection connection)
    {
        this.target = target;
        this.side = side;
        this.runId = runId;
        this.connection = connection;
    }

    public string DatabaseName => side.FileName;

    /// <summary>What the source named as no other engine can build (<see cref="SchemaExport.Objects"/>) when the schema came from another engine's model; nothing from a SQLite source.</summary>
    public IReadOnlyList<SchemaObject> NotBuilt { get; private set; } = [];

    public static async Task<SqliteTargetLoad> CreateAsync(SqliteConnectionInfo target, string runId, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(target.Folder);
        var side = target.Beside(SideFileNames.Side(target.FileName, runId));
        SideFileNames.Delete(side.Path);
        var connection = side.ReadWrite();
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                // A copy of masked data is still a copy of the company's data: readable by its owner only, as SQLite files usually are not.
                File.SetUnixFileMode(side.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            await SqliteCommands.ExecuteAsync(connection, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF", cancellationToken);
            return new SqliteTargetLoad(target, side, runId, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            SideFileNames.Delete(side.Path);
            throw;
        }
    }

    public Task ApplySchemaAsync(SchemaExport schema, SchemaSection section, SchemaApplyOptions options, CancellationToken cancellationToken = default)
    {
        if (section == SchemaSection.PreData && schema.NativeArchive is not IReadOnlyList<Schema.SqliteSchemaObject>)
        {
            NotBuilt = schema.Objects;
        }

        return BuildAsync(schema, builder => section == SchemaSection.PreData ? builder.PreData() : builder.PostData(), cancellationToken);
    }

    public Task ApplyTableSchemaAsync(SchemaExport schema, QualifiedName table, SchemaApplyOptions options, CancellationToken cancellationToken = default) =>
        BuildAsync(schema, builder => builder.TablePostData(table), cancellationToken);

    /// <summary>SQLite rows embed no type ids.</summary>
    public Task<long> ResolveTypeIdAsync(QualifiedName type, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public async Task<ITableWriter> OpenTableWriterAsync(TablePlan table, TableSlice slice, string format, CancellationToken cancellationToken = default)
    {
        if (format is not (SqliteRowBatch.Format or DecodedRowBatch.Format))
        {
            throw new DataRefreshException(ExitCodes.RefreshFailed, $"the SQLite target cannot take rows in the form '{format}'; this is a bug, please report it. The target was not changed.");
        }

        try
        {
            return await SqliteTableWriter.OpenAsync(connection, gate, table, slice, cancellationToken);
        }
        catch (SqliteException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqliteErrors.Explain(error, $"loading {table.Table.Name} into {side.Describe()}")!;
        }
    }

    /// <summary>AUTOINCREMENT counters of a SQLite source; other engines' sequences have no place here (rowid tables continue after their largest id).</summary>
    public async Task ApplySequencesAsync(IReadOnlyList<SequenceState> sequences, CancellationToken cancellationToken = default)
    {
        await WithConnectionAsync(async token =>
        {
            if (sequences.Count == 0 || await SqliteCommands.CountAsync(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'", token) == 0)
            {
                return 0;
            }

            foreach (var sequence in sequences.Where(sequence => sequence.Name.Schema == SqliteDialect.Schema))
            {
                await using var command = SqliteCommands.Create("DELETE FROM sqlite_sequence WHERE name = @name; INSERT INTO sqlite_sequence (name, seq) VALUES (@name, @seq)", connection);
                command.Parameters.AddWithValue("@name", sequence.Name.Name);
                command.Parameters.AddWithValue("@seq", sequence.LastValue);
                await command.ExecuteNonQueryAsync(token);
            }

            return 0;
        }, cancellationToken);
    }

    /// <summary>SQLite has no large objects; a source's are refused by the plan before they get here.</summary>
    public async Task<long> WriteLargeObjectsAsync(IAsyncEnumerable<LargeObject> objects, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in objects.WithCancellation(cancellationToken))
        {
            throw new DataRefreshException(ExitCodes.Configuration, "the source has large objects, which a SQLite target cannot hold; exclude them in the rules (largeObjects: exclude). The target was not changed.");
        }

        return 0;
    }

    public Task FinishLoadAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Keys of the tables the file holds: another engine's partitions are not tables here (they are listed as not built), nor are their keys.</summary>
    public Task<IReadOnlyList<VerificationCheck>> VerifyKeysAsync(IReadOnlyList<KeyDefinition> sourceKeys, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async token =>
        {
            var tables = (await ExistingNamesAsync(token)).ToHashSet(StringComparer.Ordinal);
            return await SqliteKeyVerifier.VerifyAsync([.. sourceKeys.Where(key => tables.Contains(SqliteDialect.LocalName(key.Table)))], connection, token);
        }, cancellationToken);

    public Task<long> CountLargeObjectsAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<IReadOnlyList<long>> RunAfterStepAsync(AfterStep step, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(token => SqliteAfterStep.RunAsync(connection, step, token), cancellationToken);

    public Task<IReadOnlyDictionary<QualifiedName, long>> CountRowsAsync(IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyDictionary<QualifiedName, long>>(async token =>
        {
            var counts = new Dictionary<QualifiedName, long>();
            foreach (var table in tables)
            {
                counts[table] = await SqliteCommands.CountAsync(connection, $"SELECT count(*) FROM {SqliteDialect.Quote(table)}", token);
            }

            return counts;
        }, cancellationToken);

    /// <summary>
    /// Closes the side file, forces it to disk, and renames it over the target in one step. With <paramref name="keepPrevious"/>
    /// the old file first gets a second name (a hard link) that is renamed to <c>&lt;target&gt;__previous</c>, so at no
    /// moment is the target's name missing.
    /// </summary>
    public async Task CutOverAsync(bool keepPrevious, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SideFileNames.EnsureNoneWriting(target);
        await connection.CloseAsync();
        SqliteFiles.Flush(side.Path);
        if (keepPrevious && File.Exists(target.Path))
        {
            var retired = target.Beside(SideFileNames.RetiredCopy(target.FileName, runId)).Path;
            SqliteFiles.LinkOrCopy(target.Path, retired);
            File.Move(retired, target.Beside(SideFileNames.Previous(target.FileName)).Path, overwrite: true);
        }

        File.Move(side.Path, target.Path, overwrite: true);
        cutOver = true;
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        gate.Dispose();
        if (!cutOver)
        {
            SideFileNames.Delete(side.Path);
        }
    }

    /// <summary>Runs what the builder gives for the schema, knowing what the side file holds already.</summary>
    private Task<int> BuildAsync(SchemaExport schema, Func<SqliteSchemaBuilder, IReadOnlyList<string>> statements, CancellationToken cancellationToken) =>
        WithConnectionAsync(async token =>
        {
            var builder = new SqliteSchemaBuilder(schema, await ExistingNamesAsync(token));
            builder.Check();
            foreach (var statement in statements(builder))
            {
                await SqliteCommands.ExecuteAsync(connection, statement, token);
            }

            return 0;
        }, cancellationToken);

    /// <summary>The names of every table, view, index and trigger the side file holds now.</summary>
    private async Task<IReadOnlySet<string>> ExistingNamesAsync(CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = SqliteCommands.Create("SELECT name FROM sqlite_schema", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<T> WithConnectionAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action(cancellationToken);
        }
        catch (SqliteException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqliteErrors.Explain(error, side.Describe())!;
        }
        finally
        {
            gate.Release();
        }
    }
}
