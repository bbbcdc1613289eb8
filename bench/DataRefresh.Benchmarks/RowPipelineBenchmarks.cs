using BenchmarkDotNet.Attributes;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Copy;
using DataRefresh.Providers.PostgreSql.Schema;

namespace DataRefresh.Benchmarks;

/// <summary>
/// The per-row work of a masked table: a binary COPY tuple of a customer (ten columns, eight masked as in
/// bench/compare-pg-dump.sh) decoded, masked and encoded into a batch. Op/s × Rows = rows/s per core. A raw table's
/// row is one memory copy and is measured alongside.
/// </summary>
[MemoryDiagnoser]
public class RowPipelineBenchmarks
{
    private const int Rows = 1024;

    private static readonly (string Name, string BaseType, ColumnCategory Category, ColumnRule? Rule)[] Columns =
    [
        ("id", "int8", ColumnCategory.Integer, null),
        ("first_name", "varchar", ColumnCategory.Text, Rule(MaskStrategy.Fake, faker: "name.firstName")),
        ("last_name", "varchar", ColumnCategory.Text, Rule(MaskStrategy.Fake, faker: "name.lastName")),
        ("email", "varchar", ColumnCategory.Text, Rule(MaskStrategy.Hash)),
        ("phone", "text", ColumnCategory.Text, Rule(MaskStrategy.Fake, faker: "phone.phoneNumber")),
        ("national_id", "text", ColumnCategory.Text, Rule(MaskStrategy.Hash)),
        ("birth_date", "date", ColumnCategory.Date, Rule(MaskStrategy.ShiftDate, days: 30)),
        ("street", "text", ColumnCategory.Text, Rule(MaskStrategy.Fake, faker: "address.streetAddress")),
        ("notes", "text", ColumnCategory.Text, Rule(MaskStrategy.Null)),
        ("created_at", "timestamptz", ColumnCategory.TimestampWithTimeZone, null),
    ];

    private byte[][] tuples = null!;
    private TupleRewriter masking = null!;
    private TupleRewriter raw = null!;
    private TupleRewriter verified = null!;

    [GlobalSetup]
    public void Setup()
    {
        tuples = [.. Enumerable.Range(0, Rows).Select(Tuple)];
        static FieldCodec[] Codecs() => [.. Columns.Select(column => new FieldCodec(new PostgreSqlColumnType(column.BaseType, null, NeedsTextFormat: false)))];
        var columns = Columns.Select(column => Inputs.Column(column.Category, column.BaseType) with { Name = column.Name }).ToList();
        var table = new TableInfo(new QualifiedName("public", "customers"), columns, [], Rows, false);
        var session = new MaskingSession(Inputs.Key);
        masking = new TupleRewriter(session.CreateRowMasker(Plan(table, (index, column) => new ColumnPlan(column, Columns[index].Rule))), Codecs(), new uint[Columns.Length]);
        var verifying = new MaskingSession(Inputs.Key) { Leakage = new Core.Verification.Leakage.LeakageRecorder(Inputs.Key) };
        verified = new TupleRewriter(verifying.CreateRowMasker(Plan(table, (index, column) => new ColumnPlan(column, Columns[index].Rule)), Core.Providers.TableSlice.Whole), Codecs(), new uint[Columns.Length]);
        raw = new TupleRewriter(session.CreateRowMasker(Plan(table, (_, column) => new ColumnPlan(column, null))), Codecs(), new uint[Columns.Length]);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int MaskedRow() => Rewrite(masking);

    /// <summary>The same row while a run gathers verification's leakage evidence (two keyed fingerprints per masked cell).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int MaskedRowWithLeakageEvidence() => Rewrite(verified);

    [Benchmark(OperationsPerInvoke = Rows)]
    public int RawRow() => Rewrite(raw);

    private int Rewrite(TupleRewriter rewriter)
    {
        using var batch = new BatchBuffer(256 * Rows);
        foreach (var tuple in tuples)
        {
            rewriter.Write(tuple, batch);
        }

        return batch.Length;
    }

    private static ColumnRule Rule(MaskStrategy strategy, string? faker = null, int? days = null) =>
        ColumnRule.Of("c", strategy, [.. faker is null ? [] : new[] { ("faker", (object)faker) }, .. days is null ? [] : new[] { ("days", (object)days) }]);

    private static TablePlan Plan(TableInfo table, Func<int, ColumnInfo, ColumnPlan> column) =>
        new(table, table.Columns.Select((info, index) => column(index, info)).ToList(), RowSelection.All, null, null);

    private static byte[] Tuple(int index)
    {
        object[] values =
        [
            (long)index, "Anna" + index, "Meyer" + index, $"person{index}@example.com", "+49 30 " + (index * 7919 % 10_000_000),
            $"{index % 1000:000}-00-{index % 10000:0000}", new DateOnly(1950, 1, 1).AddDays(index % 20000), index + " Hauptstraße",
            "Called about invoice " + index, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(index),
        ];
        using var buffer = new BatchBuffer(512);
        buffer.WriteInt16((short)values.Length);
        for (var column = 0; column < values.Length; column++)
        {
            BinaryValueCodec.WriteField(Columns[column].BaseType, values[column], buffer);
        }

        return buffer.Memory.ToArray();
    }
}
