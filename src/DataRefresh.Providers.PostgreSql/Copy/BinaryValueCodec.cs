using System.Buffers.Binary;
using System.Text;
using DataRefresh.Core.Errors;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Decodes and encodes the binary COPY form of the types <see cref="Schema.PostgreSqlTypes"/> lists. Values outside the
/// range of the CLR type a category promises (infinite dates and timestamps, numeric NaN and infinities, numerics beyond
/// decimal) do not decode: callers pass <see cref="Core.Values.Undecodable.Value"/> on, and masks that must read such a
/// value do not run (see RowMasker), so the original never reaches a target.
/// </summary>
internal static class BinaryValueCodec
{
    /// <summary>Decodes one value's bytes, or returns false when the value has no form in the category's CLR type.</summary>
    public delegate bool Decoder(ReadOnlySpan<byte> data, out object value);

    private const byte JsonbVersion = 1;
    private static readonly DateOnly PostgresEpochDate = new(2000, 1, 1);
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a value of <paramref name="baseType"/>; false for types that are not decoded and for values out of range.</summary>
    public static bool TryDecode(string baseType, ReadOnlySpan<byte> data, out object value)
    {
        if (Schema.PostgreSqlTypes.DecoderOf(baseType) is { } decode)
        {
            return decode(data, out value);
        }

        value = Core.Values.Undecodable.Value;
        return false;
    }

    public static bool DecodeText(ReadOnlySpan<byte> data, out object value)
    {
        value = StrictUtf8.GetString(data);
        return true;
    }

    public static bool DecodeJsonb(ReadOnlySpan<byte> data, out object value)
    {
        value = StrictUtf8.GetString(data[1..]);
        return true;
    }

    public static bool DecodeInt2(ReadOnlySpan<byte> data, out object value)
    {
        value = (long)BinaryPrimitives.ReadInt16BigEndian(data);
        return true;
    }

    public static bool DecodeInt4(ReadOnlySpan<byte> data, out object value)
    {
        value = (long)BinaryPrimitives.ReadInt32BigEndian(data);
        return true;
    }

    public static bool DecodeInt8(ReadOnlySpan<byte> data, out object value)
    {
        value = BinaryPrimitives.ReadInt64BigEndian(data);
        return true;
    }

    public static bool DecodeNumeric(ReadOnlySpan<byte> data, out object value)
    {
        var decodable = NumericBinary.TryDecode(data, out var number);
        value = number;
        return decodable;
    }

    public static bool DecodeFloat4(ReadOnlySpan<byte> data, out object value)
    {
        value = (double)BinaryPrimitives.ReadSingleBigEndian(data);
        return true;
    }

    public static bool DecodeFloat8(ReadOnlySpan<byte> data, out object value)
    {
        value = BinaryPrimitives.ReadDoubleBigEndian(data);
        return true;
    }

    public static bool DecodeBool(ReadOnlySpan<byte> data, out object value)
    {
        value = data[0] != 0;
        return true;
    }

    public static bool DecodeDate(ReadOnlySpan<byte> data, out object value)
    {
        // ±infinity, and years beyond 9999 or before 1, which PostgreSQL holds and DateOnly does not.
        var day = (long)PostgresEpochDate.DayNumber + BinaryPrimitives.ReadInt32BigEndian(data);
        var inRange = day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber;
        value = inRange ? DateOnly.FromDayNumber((int)day) : default(DateOnly);
        return inRange;
    }

    public static bool DecodeTimestamp(ReadOnlySpan<byte> data, out object value) => DecodeTimestamp(data, DateTimeKind.Unspecified, out value);

    public static bool DecodeTimestampUtc(ReadOnlySpan<byte> data, out object value) => DecodeTimestamp(data, DateTimeKind.Utc, out value);

    public static bool DecodeUuid(ReadOnlySpan<byte> data, out object value)
    {
        value = new Guid(data, bigEndian: true);
        return true;
    }

    public static bool DecodeBytes(ReadOnlySpan<byte> data, out object value)
    {
        value = data.ToArray();
        return true;
    }

    private static bool DecodeTimestamp(ReadOnlySpan<byte> data, DateTimeKind kind, out object value)
    {
        // ±infinity are the extreme int64 values; like dates, years beyond DateTime's range do not decode either.
        var micros = BinaryPrimitives.ReadInt64BigEndian(data);
        var inRange = micros >= (DateTime.MinValue.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond
            && micros <= (DateTime.MaxValue.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond;
        value = inRange ? new DateTime(PostgresEpochTicks + (micros * TimeSpan.TicksPerMicrosecond), kind) : default(DateTime);
        return inRange;
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
                WriteUtf8Field(text, output, JsonbVersion);
                break;
            case (_, string text):
                WriteUtf8Field(text, output);
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

    /// <summary>The length prefix, an optional version byte (jsonb) and the text's UTF-8 bytes, encoded once into the batch.</summary>
    private static void WriteUtf8Field(string text, BatchBuffer output, byte? version = null)
    {
        var lengthAt = output.Length;
        output.WriteInt32(0);
        if (version is { } versionByte)
        {
            output.Write([versionByte]);
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
        output.PatchInt32(lengthAt, output.Length - lengthAt - 4);
    }
}
