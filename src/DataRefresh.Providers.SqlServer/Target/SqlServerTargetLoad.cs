using System.Globalization;
using System.Text.RegularExpressions;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using DataRefresh.Providers.SqlServer.Connections;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Errors;
using DataRefresh.Providers.SqlServer.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Providers.SqlServer.Schema.Security;
using DataRefresh.Providers.SqlServer.Source;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// The side database <c>&lt;target&gt;__refresh_&lt;run&gt;</c> on the target's server, built from the source's scripted
/// catalog (<see cref="SqlServerScripter"/>) or another engine's neutral model (<see cref="NeutralScripter"/>):
/// pre-data before the load, each table's keys, indexes, checks and triggers once its rows are in, foreign keys on
/// parallel sessions after (<see cref="PostDataSessions"/>), then system versioning and modules. Rows arrive through
/// <see cref="SqlServerTableWriter"/>. The cut-over is journaled renames (<see cref="SqlServerCutOver"/>); disposed
/// without one, the side database is dropped and the target was never touched. Side connections are not pooled, so no
/// idle session of ours outlives its use and holds a renamed database.
/// </summary>
internal sealed partial class SqlServerTargetLoad : ITargetLoad
{
    private readonly EnvironmentSettings target;
    private readonly string targetDatabase;
    private readonly string runId;
    private readonly HashSet<QualifiedName> tablesBuilt = [];
    private SqlServerSchemaArchive? archive;
    private IReadOnlyList<ScriptedStatement> script = [];
    private SecurityScript security = new([], []);
    private bool cutOver;

    private SqlServerTargetLoad(EnvironmentSettings target, string targetDatabase, string runId)
    {
        this.target = target;
        this.targetDatabase = targetDatabase;
        this.runId = runId;
        DatabaseName = SideDatabaseName.Of(targetDatabase, runId);
    }

    public string DatabaseName { get; }

    public IReadOnlyList<SchemaObject> NotBuilt => [.. NotScripted, .. security.NotCopied];

    /// <summary>What the source's schema holds that no statement here builds: named before data moves.</summary>
    private IReadOnlyList<SchemaObject> NotScripted { get; set; } = [];

    public static async Task<SqlServerTargetLoad> CreateAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken)
    {
        var load = new SqlServerTargetLoad(target, SqlServerConnections.DatabaseOf(target), runId);
        await load.OnMasterAsync($"creating the side database {load.DatabaseName}", $"CREATE DATABASE {SqlServerDialect.Quote(load.DatabaseName)};", cancellationToken);
        return load;
    }

    public async Task ApplySchemaAsync(SchemaExport schema, SchemaSection section, SchemaApplyOptions options, CancellationToken cancellationToken = default)
    {
        if (section == SchemaSection.PreData)
        {
            archive = schema.NativeArchive as SqlServerSchemaArchive;
            if (archive is null)
            {
                // Another engine's source: its neutral model, without owners or grants (they are that engine's), and with
                // what the model holds that no table here can (its views, triggers, …) named as not built.
                NeutralScripter.Check(schema);
                script = NeutralScripter.Script(schema);
                NotScripted = schema.Objects;
            }
            else
            {
                script = SqlServerScripter.Script(archive.Catalog);
                NotScripted = archive.NotScripted;
                if (options.KeepOwnership)
                {
                    // Decided before data moves, so the users that cannot be mapped are named with everything else not copied.
                    security = SecurityScripter.Script(archive.Security, archive.Catalog, await TargetLoginsAsync(cancellationToken));
                }

                // The collation can change only while the database holds no objects: before anything is created.
                await OnMasterAsync("setting the side database's collation", $"ALTER DATABASE {SqlServerDialect.Quote(DatabaseName)} COLLATE {archive.Collation};", cancellationToken);
            }

            await RunAsync(script.Where(statement => statement.Section == SchemaSection.PreData), cancellationToken);
            return;
        }

        // Tables whose own post-data was not built while others loaded, each on a session of its own; then the foreign
        // keys beside each other (PostDataSessions keeps two that share a table apart); then the rest in the script's
        // order, which puts modules after what they reference.
        var postData = script.Where(statement => statement.Section == SchemaSection.PostData).ToList();
        await RunOnSessionsAsync(
            postData.Where(statement => statement.Table is { } table && !tablesBuilt.Contains(table))
                .GroupBy(statement => statement.Table!)
                .Select(table => new PostDataGroup(new HashSet<QualifiedName> { table.Key }, [.. table])),
            options.Parallelism, cancellationToken);
        await RunOnSessionsAsync(
            postData.Where(statement => statement.ForeignKeyTables.Count > 0).Select(key => new PostDataGroup(key.ForeignKeyTables, [key])),
            options.Parallelism, cancellationToken);
        await RunAsync(postData.Where(statement => statement.Table is null && statement.ForeignKeyTables.Count == 0), cancellationToken);

        // Users, roles and permissions last, when every object they name exists.
        await RunAsync(security.Statements, cancellationToken);
    }

    public async Task ApplyTableSchemaAsync(SchemaExport schema, QualifiedName table, SchemaApplyOptions options, CancellationToken cancellationToken = default)
    {
        lock (tablesBuilt)
        {
            tablesBuilt.Add(table);
        }

        await RunAsync(script.Where(statement => statement.Table == table), cancellationToken);
    }

    /// <summary>No native format here embeds type ids.</summary>
    public Task<long> ResolveTypeIdAsync(QualifiedName type, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public async Task<ITableWriter> OpenTableWriterAsync(TablePlan table, TableSlice slice, string format, CancellationToken cancellationToken = default)
    {
        if (format is not (SqlServerRowBatch.Format or Core.Providers.DecodedRowBatch.Format))
        {
            throw new ArgumentException($"The SQL Server writer cannot take batches in the '{format}' form.", nameof(format));
        }

        try
        {
            // A table built from another engine's model has the types NeutralScripter chose, which the values are written as.
            var columns = table.Columns.Select(column => archive is null ? NeutralScripter.AsBuilt(column.Column) : column.Column).ToList();
            return await SqlServerTableWriter.OpenAsync(SideConnectionString(), table, columns, slice, cancellationToken);
        }
        catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqlServerErrors.Explain(error, $"loading {table.Table.Name}")!;
        }
    }

    /// <summary>Sequences restart after the source's last value; identities are reseeded to it, so the next row continues where the source's would.</summary>
    public async Task ApplySequencesAsync(IReadOnlyList<SequenceState> sequences, CancellationToken cancellationToken = default)
    {
        var catalog = archive?.Catalog;
        var statements = new List<ScriptedStatement>();
        foreach (var state in sequences)
        {
            if (catalog?.Sequences.FirstOrDefault(sequence => sequence.Name == state.Name) is { } sequence)
            {
                statements.Add(new(SchemaSection.PostData, null, $"sequence {state.Name}", FormattableString.Invariant(
                    $"ALTER SEQUENCE {SqlServerDialect.Quote(state.Name)} RESTART WITH {state.LastValue + sequence.Increment};")));
            }
            else if (catalog?.Tables.FirstOrDefault(table => table.Name == state.Name && table.Columns.Any(column => column.Identity is not null)) is not null)
            {
                statements.Add(new(SchemaSection.PostData, null, $"identity of {state.Name}", FormattableString.Invariant(
                    $"DBCC CHECKIDENT ({SqlServerDialect.Literal(SqlServerDialect.Quote(state.Name))}, RESEED, {state.LastValue}) WITH NO_INFOMSGS;")));
            }
        }

        await RunAsync(statements, cancellationToken);
    }

    public async Task<long> WriteLargeObjectsAsync(IAsyncEnumerable<LargeObject> objects, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in objects.WithCancellation(cancellationToken))
        {
            throw new DataRefreshException(ExitCodes.Configuration, "the source has large objects, which SQL Server has no place for; set largeObjects: exclude in the rules. The target was not changed.");
        }

        return 0;
    }

    public Task FinishLoadAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<IReadOnlyList<VerificationCheck>> VerifyKeysAsync(IReadOnlyList<KeyDefinition> sourceKeys, CancellationToken cancellationToken = default)
    {
        await using var side = await OpenSideAsync(cancellationToken);
        var copy = await SqlServerCatalogReader.ReadAsync(side, null, cancellationToken);
        return await SqlServerKeyVerifier.VerifyAsync(sourceKeys, copy.Keys, sameEngine: archive is not null);
    }

    public Task<long> CountLargeObjectsAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

    /// <summary>
    /// The step's SQL file in one transaction, batch by batch as sqlcmd cuts it (a line of GO ends a batch; an error names
    /// the line its batch starts on), then each expect query in a transaction that is rolled back, counting its rows.
    /// </summary>
    public async Task<IReadOnlyList<long>> RunAfterStepAsync(AfterStep step, CancellationToken cancellationToken = default)
    {
        await using var side = await OpenSideAsync(cancellationToken);
        await using (var transaction = (SqlTransaction)await side.BeginTransactionAsync(cancellationToken))
        {
            foreach (var (line, batch) in Batches(step.Sql))
            {
                try
                {
                    await SqlServerCommands.ExecuteAsync(side, batch, cancellationToken, transaction);
                }
                catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
                {
                    throw SqlServerErrors.Explain(error, $"after step {step.SqlFile}:{line}")!;
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var counts = new List<long>();
        foreach (var expect in step.Expect)
        {
            await using var transaction = (SqlTransaction)await side.BeginTransactionAsync(cancellationToken);
            try
            {
                await using var command = SqlServerCommands.Create(expect.Sql, side, transaction);
                counts.Add((await SqlServerCommands.RowsAsync(command, cancellationToken)).Count);
            }
            catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw SqlServerErrors.Explain(error, $"{expect.Location}: the expect query failed")!;
            }
            finally
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }

        return counts;
    }

    /// <summary>The batches of a script with the line each starts on, cut at lines holding only GO.</summary>
    internal static IEnumerable<(int Line, string Sql)> Batches(string script)
    {
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = 0;
        for (var index = 0; index <= lines.Length; index++)
        {
            if (index == lines.Length || GoLine().IsMatch(lines[index]))
            {
                var batch = string.Join('\n', lines[start..index]);
                if (!string.IsNullOrWhiteSpace(batch))
                {
                    yield return (start + 1, batch);
                }

                start = index + 1;
            }
        }
    }

    public async Task<IReadOnlyDictionary<QualifiedName, long>> CountRowsAsync(IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken = default)
    {
        await using var side = await OpenSideAsync(cancellationToken);
        var counts = new Dictionary<QualifiedName, long>();
        foreach (var table in tables)
        {
            await using var command = SqlServerCommands.Create($"SELECT COUNT_BIG(*) FROM {SqlServerDialect.Quote(table)};", side);
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    public async Task CutOverAsync(bool keepPrevious, CancellationToken cancellationToken = default)
    {
        await using var master = await SqlServerConnections.OpenAsync(SqlServerConnections.Master(target), target, cancellationToken);
        await new SqlServerCutOver(new SqlServerCutOverServer(master)).RunAsync(CutOverJournalEntry.Begin(targetDatabase, DatabaseName, keepPrevious, runId), cancellationToken);
        cutOver = true;
    }

    /// <summary>Without a cut-over the side database goes, so a failed or cancelled run leaves the target as it was.</summary>
    public async ValueTask DisposeAsync()
    {
        if (cutOver)
        {
            return;
        }

        try
        {
            await OnMasterAsync(
                $"dropping the side database {DatabaseName}",
                $"IF DB_ID({SqlServerDialect.Literal(DatabaseName)}) IS NOT NULL BEGIN {CutOverSql.Drop(DatabaseName).Replace("\n", " ", StringComparison.Ordinal)} END;",
                CancellationToken.None);
        }
        catch (DataRefreshException)
        {
            // The server is gone or refuses: the next run of this target (or cleanup) drops the leftover.
        }
    }

    private async Task RunAsync(IEnumerable<ScriptedStatement> statements, CancellationToken cancellationToken)
    {
        await using var side = await OpenSideAsync(cancellationToken);
        foreach (var statement in statements)
        {
            await ExecuteAsync(side, statement, cancellationToken);
        }
    }

    private Task RunOnSessionsAsync(IEnumerable<PostDataGroup> groups, int sessions, CancellationToken cancellationToken) =>
        PostDataSessions.RunAsync([.. groups], sessions, OpenSideAsync, ExecuteAsync, cancellationToken);

    private async Task ExecuteAsync(SqlConnection side, ScriptedStatement statement, CancellationToken cancellationToken)
    {
        try
        {
            await SqlServerCommands.ExecuteAsync(side, statement.Sql, cancellationToken);
        }
        catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqlServerErrors.Explain(error, $"creating {statement.Object} in the side database {DatabaseName}")!;
        }
    }

    /// <summary>The target server's logins that database users can be mapped to, by name.</summary>
    private Task<IReadOnlySet<string>> TargetLoginsAsync(CancellationToken cancellationToken) =>
        SqlServerConnections.OnMasterAsync<IReadOnlySet<string>>(target, "reading the target server's logins (keepOwnership)", async master =>
        {
            await using var command = SqlServerCommands.Create(SecurityQueries.TargetLogins, master);
            return (await SqlServerCommands.RowsAsync(command, cancellationToken)).Select(row => (string)row[0]!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }, cancellationToken);

    private async Task OnMasterAsync(string doing, string sql, CancellationToken cancellationToken) =>
        await SqlServerConnections.OnMasterAsync(target, doing, async master =>
        {
            await SqlServerCommands.ExecuteAsync(master, sql, cancellationToken);
            return true;
        }, cancellationToken);

    private string SideConnectionString() => new SqlConnectionStringBuilder(SqlServerConnections.To(target, DatabaseName)) { Pooling = false }.ConnectionString;

    private Task<SqlConnection> OpenSideAsync(CancellationToken cancellationToken) => SqlServerConnections.OpenAsync(SideConnectionString(), target, cancellationToken);

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
