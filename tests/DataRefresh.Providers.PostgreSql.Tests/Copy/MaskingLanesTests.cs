using System.Buffers.Binary;
using System.Text;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Copy;
using DataRefresh.Providers.PostgreSql.Schema;

namespace DataRefresh.Providers.PostgreSql.Tests.Copy;

/// <summary>Batches masked on several threads come out whole, masked and in the order they were read.</summary>
public sealed class MaskingLanesTests
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("lanes-test-key-0123456789");

    private static readonly ColumnInfo[] Columns =
    [
        new("id", "integer", "int4", ColumnCategory.Integer, null, false, false),
        new("email", "text", "text", ColumnCategory.Text, null, false, false),
    ];

    private static TablePlan Plan() => new(
        new TableInfo(new QualifiedName("public", "t"), Columns, [], 1000, false),
        [new ColumnPlan(Columns[0], null), new ColumnPlan(Columns[1], ColumnRule.Of("email", MaskStrategy.Hash))],
        RowSelection.All, null, null);

    private static byte[] Tuple(int id, string email)
    {
        var text = Encoding.UTF8.GetBytes(email);
        var tuple = new byte[2 + 4 + 4 + 4 + text.Length];
        BinaryPrimitives.WriteInt16BigEndian(tuple, 2);
        BinaryPrimitives.WriteInt32BigEndian(tuple.AsSpan(2), 4);
        BinaryPrimitives.WriteInt32BigEndian(tuple.AsSpan(6), id);
        BinaryPrimitives.WriteInt32BigEndian(tuple.AsSpan(10), text.Length);
        text.CopyTo(tuple, 14);
        return tuple;
    }

    private static TupleRewriter Rewriter(MaskingSession session, TablePlan plan, int lane) =>
        new(session.CreateRowMasker(plan, TableSlice.Whole, lane), [Codec("int4"), Codec("text")], [0, 0]);

    private static FieldCodec Codec(string baseType) => new(new PostgreSqlColumnType(baseType, null, NeedsTextFormat: false));

    [Fact]
    public async Task Batches_come_out_masked_and_in_read_order_with_every_row()
    {
        var plan = Plan();
        var session = new MaskingSession(Key);
        byte[] expected;
        using (var output = new BatchBuffer(64))
        {
            // What one rewriter alone writes, row by row: the lanes must write exactly this.
            var alone = Rewriter(new MaskingSession(Key), plan, 0);
            for (var id = 0; id < 1000; id++)
            {
                alone.Write(Tuple(id, $"person{id}@example.com"), output);
            }

            expected = output.Memory.ToArray();
        }

        var batchesRead = 0;
        Task<BatchBuffer?> ReadRaw(CancellationToken cancellationToken)
        {
            if (batchesRead == 100)
            {
                return Task.FromResult<BatchBuffer?>(null);
            }

            var raw = new BatchBuffer(64);
            for (var id = batchesRead * 10; id < (batchesRead + 1) * 10; id++)
            {
                raw.Write(Tuple(id, $"person{id}@example.com"));
                raw.RowCount++;
            }

            batchesRead++;
            return Task.FromResult<BatchBuffer?>(raw);
        }

        var written = new List<byte>();
        var rows = 0;
        await using (var lanes = new MaskingLanes([Rewriter(session, plan, 0), Rewriter(session, plan, 1), Rewriter(session, plan, 2)]))
        {
            while (await lanes.NextAsync(ReadRaw, TestContext.Current.CancellationToken) is { } batch)
            {
                using (batch)
                {
                    written.AddRange(batch.Memory.ToArray());
                    rows += batch.RowCount;
                }
            }
        }

        Assert.Equal(1000, rows);
        Assert.Equal(expected, written.ToArray());
        Assert.DoesNotContain("person7@", Encoding.UTF8.GetString([.. written]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_read_leaves_no_lane_running_and_reports_its_own_error()
    {
        var plan = Plan();
        var session = new MaskingSession(Key);
        var calls = 0;
        Task<BatchBuffer?> ReadRaw(CancellationToken cancellationToken)
        {
            if (++calls == 3)
            {
                throw new InvalidOperationException("source lost");
            }

            var raw = new BatchBuffer(64);
            raw.Write(Tuple(calls, "someone@example.com"));
            raw.RowCount++;
            return Task.FromResult<BatchBuffer?>(raw);
        }

        var lanes = new MaskingLanes([Rewriter(session, plan, 0), Rewriter(session, plan, 1), Rewriter(session, plan, 2)]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lanes.NextAsync(ReadRaw, TestContext.Current.CancellationToken));
        await lanes.DisposeAsync();

        Assert.Equal("source lost", error.Message);
        Assert.Null(await lanes.NextAsync(_ => Task.FromResult<BatchBuffer?>(null), TestContext.Current.CancellationToken));
    }
}
