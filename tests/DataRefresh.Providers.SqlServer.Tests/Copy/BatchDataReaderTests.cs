using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Schema;

namespace DataRefresh.Providers.SqlServer.Tests.Copy;

/// <summary>
/// The reader is driven here as <c>SqlBulkCopy.WriteToServerAsync(DbDataReader)</c> drives it with streaming on: source
/// ordinals by name, then per row <c>ReadAsync</c>, <c>IsDBNull</c>, and <c>GetStream</c> (varbinary(max)),
/// <c>GetTextReader</c> ((n)varchar(max)) or <c>GetValue</c>.
/// </summary>
public sealed class BatchDataReaderTests
{
    private static readonly IReadOnlyList<ColumnInfo> Columns =
    [
        SqlServerTypes.Column("id", "int", 4, 10, 0, notNull: true, isGenerated: false),
        SqlServerTypes.Column("name", "nvarchar", -1, 0, 0, notNull: false, isGenerated: false),
        SqlServerTypes.Column("photo", "varbinary", -1, 0, 0, notNull: false, isGenerated: false),
        SqlServerTypes.Column("born", "date", 3, 10, 0, notNull: false, isGenerated: false),
    ];

    private static DecodedRowBatch Batch(params object?[][] rows) => new(rows);

    [Fact]
    public async Task Rows_of_every_offered_batch_come_out_in_order_as_the_target_columns_take_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var reader = new BatchDataReader(Columns);
        var rows = new List<object?[]>();
        var copy = Task.Run(() => DrainAsBulkCopyDoes(reader, ["born", "photo", "name", "id"], rows, ct), ct);

        await reader.OfferAsync(Batch([1L, "Ann", new byte[] { 1, 2 }, new DateOnly(1990, 5, 1)], [2L, null, null, null]), ct);
        await reader.OfferAsync(Batch([3L, "Bo", new byte[] { 3 }, new DateOnly(2000, 1, 31)]), ct);
        reader.CompleteAdding();
        await copy;

        Assert.Equal(3, rows.Count);
        Assert.Equal([new DateTime(1990, 5, 1), new byte[] { 1, 2 }, "Ann", 1], rows[0]);
        Assert.Equal([DBNull.Value, DBNull.Value, DBNull.Value, 2], rows[1]);
        Assert.Equal([new DateTime(2000, 1, 31), new byte[] { 3 }, "Bo", 3], rows[2]);
        Assert.IsType<int>(rows[2][3]);
    }

    [Fact]
    public async Task An_offer_returns_only_once_the_copy_has_read_past_the_batch_so_the_caller_may_dispose_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var reader = new BatchDataReader(Columns);
        var offered = reader.OfferAsync(Batch([1L, "a", null, null], [2L, "b", null, null]), ct);

        Assert.True(await reader.ReadAsync(ct));
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal("b", reader.GetValue(1));
        await Task.Delay(50, ct);
        Assert.False(offered.IsCompleted);

        reader.CompleteAdding();
        Assert.False(await reader.ReadAsync(ct));
        await offered.WaitAsync(TimeSpan.FromSeconds(10), ct);
    }

    [Fact]
    public async Task When_the_copy_stops_a_waiting_offer_fails_with_its_reason_instead_of_hanging()
    {
        var ct = TestContext.Current.CancellationToken;
        using var reader = new BatchDataReader(Columns);
        var offered = reader.OfferAsync(Batch([1L, "a", null, null]), ct);
        Assert.True(await reader.ReadAsync(ct));

        reader.Abandon(new InvalidOperationException("bulk copy failed"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => offered.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal("bulk copy failed", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.OfferAsync(Batch([2L, "b", null, null]), ct));
    }

    [Fact]
    public void Field_types_names_and_count_describe_the_target_columns()
    {
        using var reader = new BatchDataReader(Columns);

        Assert.Equal(4, reader.FieldCount);
        Assert.Equal(2, reader.GetOrdinal("photo"));
        Assert.Equal(typeof(int), reader.GetFieldType(0));
        Assert.Equal(typeof(byte[]), reader.GetFieldType(2));
        Assert.Equal(typeof(DateTime), reader.GetFieldType(3));
        Assert.ThrowsAny<IndexOutOfRangeException>(() => reader.GetOrdinal("missing"));
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
        Assert.Throws<NotSupportedException>(() => reader.Read());
    }

    private static async Task DrainAsBulkCopyDoes(BatchDataReader reader, string[] mapping, List<object?[]> rows, CancellationToken ct)
    {
        var ordinals = mapping.Select(reader.GetOrdinal).ToArray();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[ordinals.Length];
            for (var index = 0; index < ordinals.Length; index++)
            {
                var ordinal = ordinals[index];
                if (reader.IsDBNull(ordinal))
                {
                    row[index] = DBNull.Value;
                }
                else if (Columns[ordinal].DataType == "varbinary(max)")
                {
                    using var stream = reader.GetStream(ordinal);
                    using var bytes = new MemoryStream();
                    await stream.CopyToAsync(bytes, ct);
                    row[index] = bytes.ToArray();
                }
                else if (Columns[ordinal].DataType == "nvarchar(max)")
                {
                    row[index] = await reader.GetTextReader(ordinal).ReadToEndAsync(ct);
                }
                else
                {
                    row[index] = reader.GetValue(ordinal);
                }
            }

            rows.Add(row);
        }
    }
}
