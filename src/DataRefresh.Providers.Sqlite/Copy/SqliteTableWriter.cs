using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Copy;

/// <summary>
/// Loads one table into the side file in one transaction, through one prepared INSERT whose parameters are rebound per row.
/// SQLite has one writer per file, so the load's connection is this writer's until it completes or is disposed (the
/// load's gate); a whole-table writer empties the table first, inside the same transaction. Disposing it without
/// <see cref="CompleteAsync"/> rolls every row back.
/// </summary>
internal sealed class SqliteTableWriter : ITableWriter
{
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate;
    private readonly SqliteCommand insert;
    private readonly SqliteParameter[] parameters;
    private readonly TablePlan plan;
    private bool open = true;

    private SqliteTableWriter(SqliteConnection connection, SemaphoreSlim gate, SqliteCommand insert, SqliteParameter[] parameters, TablePlan plan)
    {
        this.connection = connection;
        this.gate = gate;
        this.insert = insert;
        this.parameters = parameters;
        this.plan = plan;
    }

    public static async Task<SqliteTableWriter> OpenAsync(SqliteConnection connection, SemaphoreSlim gate, TablePlan plan, TableSlice slice, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await SqliteCommands.ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
            if (slice.IsWhole)
            {
                await SqliteCommands.ExecuteAsync(connection, $"DELETE FROM {SqliteDialect.Quote(plan.Table.Name)}", cancellationToken);
            }

            var columns = plan.Columns.Select(column => column.Column.Name).ToList();
            var insert = SqliteCommands.Create(
                $"INSERT INTO {SqliteDialect.Quote(plan.Table.Name)} ({SqliteDialect.QuoteList(columns)}) VALUES ({string.Join(", ", columns.Select((_, index) => "@p" + index))})",
                connection);
            var parameters = columns.Select((_, index) => insert.Parameters.Add(new SqliteParameter("@p" + index, DBNull.Value))).ToArray();
            insert.Prepare();
            return new SqliteTableWriter(connection, gate, insert, parameters, plan);
        }
        catch
        {
            await SqliteCommands.RollBackAsync(connection);
            gate.Release();
            throw;
        }
    }

    public async ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        var rows = batch switch
        {
            SqliteRowBatch native => native.Values,
            DecodedRowBatch decoded => decoded.Values,
            _ => throw new ArgumentException($"The SQLite writer cannot take a {batch.GetType().Name}.", nameof(batch)),
        };
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var column = 0; column < parameters.Length; column++)
            {
                parameters[column].Value = SqliteValueCodec.Encode(row[column], plan.Columns[column].Column);
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        await SqliteCommands.ExecuteAsync(connection, "COMMIT", cancellationToken);
        await CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (open)
        {
            await SqliteCommands.RollBackAsync(connection);
            await CloseAsync();
        }
    }

    private async Task CloseAsync()
    {
        open = false;
        await insert.DisposeAsync();
        gate.Release();
    }
}
