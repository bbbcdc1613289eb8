using DataRefresh.Core.Schema;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Copy;

/// <summary>
/// How every table is loaded: one <see cref="SqlBulkCopy"/> per table (or slice) in the writer's transaction, fed by a
/// <see cref="BatchDataReader"/>. Identity values and NULLs are kept as the source has them (<c>KeepIdentity</c>,
/// <c>KeepNulls</c>: a column default never replaces a NULL), the table is locked for the minimally logged path
/// (<c>TableLock</c>), values stream (<c>EnableStreaming</c>), the copy has no timeout, and columns are mapped by name
/// — never by position, which past a rowversion or a computed column silently shifts every value one column over.
/// </summary>
internal static class SqlServerBulkCopy
{
    public const SqlBulkCopyOptions Options = SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.KeepNulls | SqlBulkCopyOptions.TableLock;

    /// <param name="columns">The columns the batches carry, as the target table has them; none may be computed, a rowversion or a hidden period column.</param>
    public static SqlBulkCopy Create(SqlConnection connection, SqlTransaction? transaction, QualifiedName table, IReadOnlyList<ColumnInfo> columns, int batchSize)
    {
        if (columns.FirstOrDefault(column => column.IsGenerated) is { } generated)
        {
            throw new ArgumentException($"Column {generated.Name} is computed by the server and cannot be bulk-copied.", nameof(columns));
        }

        var bulkCopy = new SqlBulkCopy(connection, Options, transaction)
        {
            DestinationTableName = SqlServerDialect.Quote(table),
            EnableStreaming = true,
            BulkCopyTimeout = 0,
            BatchSize = batchSize,
        };

        foreach (var column in columns)
        {
            bulkCopy.ColumnMappings.Add(column.Name, column.Name);
        }

        return bulkCopy;
    }
}
