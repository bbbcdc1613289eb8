using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Copy;

/// <summary>
/// Loads one table into the side database: one connection, one transaction, one <see cref="SqlBulkCopy"/> that pulls
/// rows from a <see cref="BatchDataReader"/> while the pipeline pushes batches into it, so a table streams without being
/// held. A whole-table writer empties the table first in the same transaction (a retried attempt starts clean). Nothing
/// is visible before <see cref="CompleteAsync"/> commits; disposing without it rolls every row back.
/// </summary>
internal sealed class SqlServerTableWriter : ITableWriter
{
    private readonly SqlConnection connection;
    private readonly SqlTransaction transaction;
    private readonly BatchDataReader rows;
    private readonly Task copy;
    private bool completed;

    private SqlServerTableWriter(SqlConnection connection, SqlTransaction transaction, BatchDataReader rows, Task copy)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.rows = rows;
        this.copy = copy;
    }

    /// <param name="columns">The plan's columns as the side database has them.</param>
    public static async Task<SqlServerTableWriter> OpenAsync(string sideConnectionString, TablePlan plan, IReadOnlyList<ColumnInfo> columns, TableSlice slice, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(sideConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
            if (slice.IsWhole)
            {
                await SqlServerCommands.ExecuteAsync(connection, $"DELETE FROM {SqlServerDialect.Quote(plan.Table.Name)};", cancellationToken, transaction);
            }

            var rows = new BatchDataReader(columns);
            var bulkCopy = SqlServerBulkCopy.Create(connection, transaction, plan.Table.Name, columns, batchSize: 0);
            var copy = CopyAsync(bulkCopy, rows, cancellationToken);
            return new SqlServerTableWriter(connection, transaction, rows, copy);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bulk copy, reading until the writer completes; a failure abandons the reader so a waiting batch fails with it.</summary>
    private static async Task CopyAsync(SqlBulkCopy bulkCopy, BatchDataReader rows, CancellationToken cancellationToken)
    {
        using (bulkCopy)
        {
            try
            {
                await bulkCopy.WriteToServerAsync(rows, cancellationToken);
            }
            catch (Exception failure)
            {
                rows.Abandon(failure);
                throw;
            }
        }
    }

    public async ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch is not (SqlServerRowBatch or DecodedRowBatch))
        {
            throw new ArgumentException($"The SQL Server writer cannot take a {batch.GetType().Name}.", nameof(batch));
        }

        await rows.OfferAsync((ValueRowBatch)batch, cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        rows.CompleteAdding();
        await copy.WaitAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            rows.Abandon(new OperationCanceledException("The table's load was abandoned."));
            try
            {
                await copy;
            }
            catch (Exception)
            {
                // The copy's own failure was reported where it happened (WriteAsync or CompleteAsync); here it only ends.
            }
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        rows.Dispose();
    }
}
