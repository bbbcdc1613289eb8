using System.Buffers.Binary;
using System.Globalization;
using DataRefresh.Providers.PostgreSql.Copy;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Tests.Copy;

/// <summary>numeric, float4 and float8 through the binary codec, checked against what a real server sends and accepts.</summary>
public sealed class NumberCodecTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>
{
    // Text forms as PostgreSQL prints them, so the decoded decimal must print the same: value and scale.
    private static readonly string[] Numerics =
    [
        "0", "0.00", "1", "-1", "10000", "-10000.5", "9999.9999", "0.0001", "-0.00001", "0.00000000000000000001",
        "123.450", "12345678901234567890.123", "-79228162514264337593543950335", "79228162514264337593543950335",
        "0.0000000000000000000000000001", "100000000", "1e-20", "-42.4200000",
    ];

    private static readonly string[] Fixed = ["0", "-1.5", "12345678.1234", "-99999999.9999", "0.0001", "3.14159"];

    private static readonly string[] Floats = ["0", "-0", "1.5", "-3.4028235e38", "1e-30", "3.141592653589793", "-2.5e-30", "1e30", "123456789.123"];

    [Fact]
    public async Task Numbers_decode_as_the_server_prints_them_and_encode_back_unchanged()
    {
        server.RequireServer();
        var cancel = TestContext.Current.CancellationToken;
        var rows = Numerics.Select((numeric, index) => $"({index}, '{numeric}'::numeric, '{Fixed[index % Fixed.Length]}'::numeric(12,4), '{Floats[index % Floats.Length]}'::float4, '{Floats[index % Floats.Length]}'::float8)");
        var database = await server.CreateDatabaseAsync("numbers", $"""
            CREATE TABLE source (id int PRIMARY KEY, n numeric, fixed numeric(12,4), f4 float4, f8 float8);
            INSERT INTO source VALUES {string.Join(",\n", rows)};
            INSERT INTO source VALUES (100, 'NaN', NULL, 'NaN', 'Infinity'), (101, 'Infinity', 1, '-Infinity', 'NaN'), (102, '-Infinity', NULL, NULL, NULL),
                (103, '1e40', 0, 0, 0), (104, '0.00000000000000000000000000001', 0, 0, 0);
            CREATE TABLE target (LIKE source);
            """, cancel);
        var connectionString = PostgreSqlServerFixture.Unpooled(server.ConnectionStringFor(database));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancel);
        string[] types = ["int4", "numeric", "numeric", "float4", "float8"];

        using var output = new BatchBuffer(4096);
        output.Write(BinaryCopyFormat.Header);
        var decoded = 0;
        var passedThrough = 0;
        await using (var export = await connection.BeginRawBinaryCopyAsync(
            "COPY (SELECT id, n, fixed, f4, f8, n::text, fixed::text, f4::text, f8::text FROM source ORDER BY id) TO STDOUT (FORMAT binary)", cancel))
        {
            using var reader = new CopyTupleReader(export);
            while (await reader.ReadTupleAsync(cancel) is { IsEmpty: false } tuple)
            {
                var fields = Fields(tuple.Span);
                output.WriteInt16(5);
                for (var column = 0; column < 5; column++)
                {
                    if (fields[column] is not { } data)
                    {
                        output.WriteInt32(-1);
                    }
                    else if (BinaryValueCodec.TryDecode(types[column], data, out var value))
                    {
                        if (column > 0)
                        {
                            AssertPrintsAs(types[column], value, Text(fields[column + 4]!));
                            decoded++;
                        }

                        BinaryValueCodec.WriteField(types[column], value, output);
                    }
                    else
                    {
                        // What the copier does with values the masks have no form for: the bytes as they came.
                        output.WriteInt32(data.Length);
                        output.Write(data);
                        passedThrough++;
                    }
                }
            }
        }

        output.Write(BinaryCopyFormat.Trailer);
        await using (var import = await connection.BeginRawBinaryCopyAsync("COPY target FROM STDIN (FORMAT binary)", cancel))
        {
            await import.WriteAsync(output.Memory, cancel);
        }

        Assert.True(decoded >= (Numerics.Length * 4) + 10, $"only {decoded} numbers decoded");
        Assert.Equal(5, passedThrough); // NaN, ±Infinity, 1e40 (beyond decimal), 29 decimals (beyond decimal's scale)
        const string differences = """
            SELECT count(*) FROM source s FULL JOIN target t USING (id)
            WHERE s.n::text IS DISTINCT FROM t.n::text OR s.fixed::text IS DISTINCT FROM t.fixed::text
               OR s.f4 IS DISTINCT FROM t.f4 OR s.f8 IS DISTINCT FROM t.f8
               OR s.f4::text IS DISTINCT FROM t.f4::text OR s.f8::text IS DISTINCT FROM t.f8::text
            """;
        Assert.Equal(0L, await PostgreSqlServerFixture.ScalarAsync<long>(connectionString, differences, cancel));
        Assert.Equal((long)Numerics.Length + 5, await PostgreSqlServerFixture.ScalarAsync<long>(connectionString, "SELECT count(*) FROM target", cancel));
    }

    [Fact]
    public void Special_numerics_are_not_decodable_and_doubles_written_to_float4_are_floats()
    {
        byte[] nan = [0, 0, 0, 0, 0xC0, 0, 0, 0];
        byte[] infinity = [0, 0, 0, 0, 0xD0, 0, 0, 0];
        Assert.False(BinaryValueCodec.TryDecode("numeric", nan, out _));
        Assert.False(BinaryValueCodec.TryDecode("numeric", infinity, out _));

        using var output = new BatchBuffer(16);
        BinaryValueCodec.WriteField("float4", 1.1, output);
        var written = output.Memory.ToArray();
        Assert.Equal(4, BinaryPrimitives.ReadInt32BigEndian(written));
        Assert.Equal(1.1f, BinaryPrimitives.ReadSingleBigEndian(written.AsSpan(4)));
    }

    [Fact]
    public void Decimals_are_written_with_their_own_scale_and_read_back()
    {
        decimal[] values = [0m, 0.000m, -0.5m, 1.10m, 12345678901234567890.123m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 10000m, -99990000.0000m];

        foreach (var value in values)
        {
            using var output = new BatchBuffer(64);
            BinaryValueCodec.WriteField("numeric", value, output);
            var field = output.Memory.ToArray();
            Assert.Equal(field.Length - 4, BinaryPrimitives.ReadInt32BigEndian(field));
            Assert.Equal(value.Scale, BinaryPrimitives.ReadInt16BigEndian(field.AsSpan(10)));

            Assert.True(BinaryValueCodec.TryDecode("numeric", field.AsSpan(4), out var decoded));
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), ((decimal)decoded).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void AssertPrintsAs(string type, object value, string expected)
    {
        switch (type)
        {
            case "numeric":
                Assert.Equal(expected, Assert.IsType<decimal>(value).ToString(CultureInfo.InvariantCulture));
                break;
            case "float4":
                Assert.Equal(float.Parse(expected, CultureInfo.InvariantCulture), (float)Assert.IsType<double>(value));
                break;
            default:
                Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), Assert.IsType<double>(value));
                break;
        }
    }

    private static byte[]?[] Fields(ReadOnlySpan<byte> tuple)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(tuple);
        var fields = new byte[]?[count];
        var offset = 2;
        for (var index = 0; index < count; index++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(tuple[offset..]);
            offset += 4;
            fields[index] = length < 0 ? null : tuple.Slice(offset, length).ToArray();
            offset += Math.Max(0, length);
        }

        return fields;
    }

    private static string Text(byte[] data) => System.Text.Encoding.UTF8.GetString(data);
}
