using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Schema;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Tests.Copy;

public sealed class SqlServerBulkCopyTests
{
    [Fact]
    public void Columns_are_mapped_by_name_and_identities_nulls_streaming_and_no_timeout_are_kept()
    {
        using var connection = new SqlConnection("Data Source=nowhere;Initial Catalog=staging");
        ColumnInfo[] columns =
        [
            SqlServerTypes.Column("id", "int", 4, 10, 0, notNull: true, isGenerated: false),
            SqlServerTypes.Column("e mail]", "nvarchar", 200, 0, 0, notNull: false, isGenerated: false),
        ];

        using var bulkCopy = SqlServerBulkCopy.Create(connection, null, new QualifiedName("sales", "customers"), columns, 5000);

        Assert.Equal("[sales].[customers]", bulkCopy.DestinationTableName);
        Assert.True(bulkCopy.EnableStreaming);
        Assert.Equal(0, bulkCopy.BulkCopyTimeout);
        Assert.Equal(5000, bulkCopy.BatchSize);
        Assert.Equal(
            [("id", "id"), ("e mail]", "e mail]")],
            bulkCopy.ColumnMappings.Cast<SqlBulkCopyColumnMapping>().Select(mapping => (mapping.SourceColumn, mapping.DestinationColumn)));
        Assert.All(bulkCopy.ColumnMappings.Cast<SqlBulkCopyColumnMapping>(), mapping => Assert.Equal(-1, mapping.SourceOrdinal));
        Assert.True(SqlServerBulkCopy.Options.HasFlag(SqlBulkCopyOptions.KeepIdentity));
        Assert.True(SqlServerBulkCopy.Options.HasFlag(SqlBulkCopyOptions.KeepNulls));
        Assert.True(SqlServerBulkCopy.Options.HasFlag(SqlBulkCopyOptions.TableLock));
    }

    [Fact]
    public void A_rowversion_or_computed_column_is_never_handed_to_the_bulk_copy()
    {
        using var connection = new SqlConnection("Data Source=nowhere");
        ColumnInfo[] columns =
        [
            SqlServerTypes.Column("id", "int", 4, 10, 0, notNull: true, isGenerated: false),
            SqlServerTypes.Column("version", "timestamp", 8, 0, 0, notNull: true, isGenerated: false),
        ];

        var error = Assert.Throws<ArgumentException>(() => SqlServerBulkCopy.Create(connection, null, new QualifiedName("dbo", "t"), columns, 100));
        Assert.Contains("version", error.Message);
    }
}
