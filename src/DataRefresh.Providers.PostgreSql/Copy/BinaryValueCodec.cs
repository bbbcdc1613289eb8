using System.Buffers.Binary;
using System.Text;
using DataRefresh.Core.Errors;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Decodes and encodes the binary COPY form of the types a mask can produce (see PostgreSqlTypeCategories). Values the
/// masks have no CLR form for (infinite dates, numeric NaN and infinities, numerics beyond decimal) decode to "not
/// decodable" and pass through unchanged: they identify nobody.
/// </summary>
internal static class BinaryValueCodec
{
    private const byte JsonbVersion = 1;
    private static readonly DateOnly PostgresEpochDate = new(2000, 1, 1);
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(string baseType, ReadOnlySpan<byte> data, out object value)
    {
        switch (baseType)
        {
            case "text" or "varchar" or "bpchar" or "name" or "citext" or "json":
                value = StrictUtf8.GetString(data);
                return true;
            case "jsonb":
                value = StrictUtf8.GetString(data[1..]);
                return true;
            case "int2":
                value = (long)BinaryPrimitives.ReadInt16BigEndian(data);
                return true;
            case "int4":
                value = (long)BinaryPrimitives.ReadInt32BigEndian(data);
                return true;
            case "int8":
                value = BinaryPrimitives.ReadInt64BigEndian(data);
                return true;
            case "numeric":
                var decodable = NumericBinary.TryDecode(data, out var number);
                value = number;
                return decodable;
            case "float4":
                value = (double)BinaryPrimitives.ReadSingleBigEndian(data);
                return true;
            case "float8":
                value = BinaryPrimitives.ReadDoubleBigEndian(data);
                return true;
            case "bool":
                value = data[0] != 0;
                return true;
            case "date":
                var days = BinaryPrimitives.ReadInt32BigEndian(data);
                value = days is int.MaxValue or int.MinValue ? default(DateOnly) : PostgresEpochDate.AddDays(days);
                return days is not (int.MaxValue or int.MinValue);
            case "timestamp" or "timestamptz":
                var micros = BinaryPrimitives.ReadInt64BigEndian(data);
                value = micros is long.MaxValue or long.MinValue
                    ? default(DateTime)
                    : new DateTime(PostgresEpochTicks + (micros * TimeSpan.TicksPerMicrosecond), baseType == "timestamp" ? DateTimeKind.Unspecified : DateTimeKind.Utc);
                return micros is not (long.MaxValue or long.MinValue);
            case "uuid":
                value = new Guid(data, bigEndian: true);
                return true;
            case "bytea":
                value = data.ToArray();
                return true;
            default:
                throw new InvalidOperationException($"No binary decoder for type {baseType}; the planner should have refused this mask.");
        }
    }

    /// <summary>Writes one field (length prefix and bytes) holding <paramref name="value"/>, or NULL.</summary>
    public static void WriteField(string baseType, object? value, BatchBuffer output)
    {
        if (value is null)
        {
            output.WriteInt32(-1);
            return;
        }

        switch (baseType, value)
        {
            case ("jsonb", string text):
                output.WriteInt32(1 + Encoding.UTF8.GetByteCount(text));
                output.Write([JsonbVersion]);
                WriteUtf8(text, output);
                break;
            case (_, string text):
                output.WriteInt32(Encoding.UTF8.GetByteCount(text));
                WriteUtf8(text, output);
                break;
            case ("int2", long number):
                output.WriteInt32(2);
                output.WriteInt16((short)Math.Clamp(number, short.MinValue, short.MaxValue));
                break;
            case ("int4", long number):
                output.WriteInt32(4);
                output.WriteInt32((int)Math.Clamp(number, int.MinValue, int.MaxValue));
                break;
            case ("int8", long number):
                output.WriteInt32(8);
                BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), number);
                output.Advance(8);
                break;
            case ("numeric", decimal number):
                NumericBinary.Write(number, output);
                break;
            case ("float4", double number):
                output.WriteInt32(4);
                BinaryPrimitives.WriteSingleBigEndian(output.GetSpan(4), (float)number);
                output.Advance(4);
                break;
            case ("float8", double number):
                output.WriteInt32(8);
                BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), number);
                output.Advance(8);
                break;
            case (_, bool flag):
                output.WriteInt32(1);
                output.Write([flag ? (byte)1 : (byte)0]);
                break;
            case (_, DateOnly date):
                output.WriteInt32(4);
                output.WriteInt32(date.DayNumber - PostgresEpochDate.DayNumber);
                break;
            case (_, DateTime time):
                output.WriteInt32(8);
                BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), (time.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
                output.Advance(8);
                break;
            case (_, Guid guid):
                output.WriteInt32(16);
                guid.TryWriteBytes(output.GetSpan(16), bigEndian: true, out _);
                output.Advance(16);
                break;
            case (_, byte[] bytes):
                output.WriteInt32(bytes.Length);
                output.Write(bytes);
                break;
            default:
                throw new DataRefreshException(ExitCodes.InternalError, $"A mask produced a {value.GetType().Name} for a {baseType} column; this is a bug, please report it.");
        }
    }

    private static void WriteUtf8(string text, BatchBuffer output)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
