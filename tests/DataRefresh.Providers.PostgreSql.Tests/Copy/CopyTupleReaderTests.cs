using System.Buffers.Binary;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Copy;
using DataRefresh.Providers.PostgreSql.Schema;

namespace DataRefresh.Providers.PostgreSql.Tests.Copy;

public sealed class CopyTupleReaderTests
{
    /// <summary>Hands out one byte per read, the worst case for a reader that must reassemble tuples.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }

    private static byte[] Field(byte[]? value)
    {
        var field = new byte[4 + (value?.Length ?? 0)];
        BinaryPrimitives.WriteInt32BigEndian(field, value?.Length ?? -1);
        value?.CopyTo(field, 4);
        return field;
    }

    private static byte[] Tuple(params byte[]?[] fields)
    {
        var count = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(count, (short)fields.Length);
        return [.. count, .. fields.SelectMany(Field)];
    }

    private static byte[] Stream(params byte[][] tuples) => [.. BinaryCopyFormat.Header, .. tuples.SelectMany(tuple => tuple), .. BinaryCopyFormat.Trailer];

    [Fact]
    public async Task Tuples_come_out_whole_however_the_stream_is_cut()
    {
        var big = new byte[600_000];
        Random.Shared.NextBytes(big);
        byte[][] tuples = [Tuple("a"u8.ToArray(), null), Tuple(big, "b"u8.ToArray()), Tuple([], [1, 2, 3])];
        using var reader = new CopyTupleReader(new TrickleStream(Stream(tuples)));

        foreach (var expected in tuples)
        {
            var tuple = await reader.ReadTupleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(expected, tuple.ToArray());
        }

        Assert.True((await reader.ReadTupleAsync(TestContext.Current.CancellationToken)).IsEmpty);
    }

    [Fact]
    public async Task A_stream_cut_off_mid_row_is_an_error_without_data()
    {
        var data = Stream(Tuple("secret-value"u8.ToArray()));
        using var reader = new CopyTupleReader(new MemoryStream(data[..^6]));

        var error = await Assert.ThrowsAsync<DataRefreshException>(async () => await reader.ReadTupleAsync(TestContext.Current.CancellationToken));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rewriter_masks_only_masked_fields_and_patches_array_element_oids()
    {
        var key = MaskingKey.FromSecret("unit-test-key-0123456789");
        ColumnInfo[] columns =
        [
            new("id", "integer", "int4", ColumnCategory.Integer, null, false, false),
            new("email", "text", "text", ColumnCategory.Text, null, false, false),
            new("states", "state[]", "_enum", ColumnCategory.Other, null, false, false),
        ];
        var email = ColumnRule.Of("email", MaskStrategy.Constant, ("value", "x@example.com"));
        var table = new TablePlan(
            new TableInfo(new QualifiedName("public", "t"), columns, [], 1, false),
            [new ColumnPlan(columns[0], null), new ColumnPlan(columns[1], email), new ColumnPlan(columns[2], null)],
            RowSelection.All, null, null);
        byte[] array = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x40, 0x01, 0, 0, 0, 0];
        var rewriter = new TupleRewriter(new MaskingSession(key).CreateRowMasker(table), [Codec("int4"), Codec("text"), Codec("_enum")], [0, 0, 0x12345678]);
        using var output = new BatchBuffer(16);

        rewriter.Write(Tuple([0, 0, 0, 7], "a@b.c"u8.ToArray(), array), output);

        byte[] patchedArray = [0, 0, 0, 1, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0];
        Assert.Equal(Tuple([0, 0, 0, 7], "x@example.com"u8.ToArray(), patchedArray), output.Memory.ToArray());
    }

    [Fact]
    public void Dates_and_timestamps_round_trip_and_infinity_passes_through()
    {
        byte[] date = [0, 0, 0x1F, 0x40];
        Assert.True(BinaryValueCodec.TryDecode("date", date, out var decoded));
        Assert.Equal(new DateOnly(2000, 1, 1).AddDays(0x1F40), decoded);
        using var output = new BatchBuffer(8);
        BinaryValueCodec.WriteField("date", decoded, output);
        Assert.Equal([0, 0, 0, 4, .. date], output.Memory.ToArray());

        Assert.False(BinaryValueCodec.TryDecode("date", [0x7F, 0xFF, 0xFF, 0xFF], out _));
        Assert.False(BinaryValueCodec.TryDecode("timestamptz", [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], out _));
    }

    private static FieldCodec Codec(string baseType) => new(new PostgreSqlColumnType(baseType, null, NeedsTextFormat: false));
}
