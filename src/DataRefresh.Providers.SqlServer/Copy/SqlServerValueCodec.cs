using System.Data.SqlTypes;
using System.Globalization;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;

namespace DataRefresh.Providers.SqlServer.Copy;

/// <summary>
/// SQL Server values to the value contract and back. <see cref="Decode"/> takes what the reader returns for a column
/// (<c>SqlDataReader.GetValue</c>, or <c>GetSqlDecimal</c> for decimals wider than .NET's 28 digits) and gives the
/// contract's CLR value, or <see cref="Undecodable.Value"/> for one it cannot represent without loss — a decimal beyond
/// <see cref="decimal"/>, a value of the wrong type — so a mask never reads it and no original passes through.
/// <see cref="Encode"/> gives the value <c>SqlBulkCopy</c> writes into a column: contract values converted to the
/// column's own CLR type (a long into an int column, DateOnly into date, a UTC DateTime into datetimeoffset), and values
/// read from SQL Server (DateTimeOffset with its offset, SqlDecimal, TimeSpan, bytes of CLR types) as they are.
/// </summary>
internal static class SqlServerValueCodec
{
    /// <summary>
    /// One cell as the provider reads it: decimal and numeric as SqlDecimal, so 38 digits never overflow the driver's
    /// decimal on the way; everything else as the driver gives it.
    /// </summary>
    public static object Read(Microsoft.Data.SqlClient.SqlDataReader reader, int ordinal, ColumnInfo column) =>
        column.NativeType is "decimal" or "numeric" ? reader.GetSqlDecimal(ordinal) : reader.GetValue(ordinal);

    /// <summary>The value as the contract has it for <paramref name="column"/>'s category; null for NULL.</summary>
    public static object? Decode(object? stored, ColumnInfo column)
    {
        if (stored is null or DBNull || stored is INullable { IsNull: true })
        {
            return null;
        }

        return column.Category switch
        {
            ColumnCategory.Text or ColumnCategory.Json => stored as string ?? (object)Undecodable.Value,
            ColumnCategory.Integer => stored switch
            {
                byte tiny => (long)tiny,
                short small => (long)small,
                int integer => (long)integer,
                long big => big,
                _ => Undecodable.Value,
            },
            ColumnCategory.Numeric when column.FloatingPoint => stored switch
            {
                double real => real,
                float single => (double)single,
                _ => Undecodable.Value,
            },
            ColumnCategory.Numeric => stored switch
            {
                decimal number => number,
                SqlDecimal wide => DecodeWide(wide),
                SqlMoney money => money.Value,
                _ => Undecodable.Value,
            },
            ColumnCategory.Boolean => stored as bool? ?? (object)Undecodable.Value,
            ColumnCategory.Date => stored is DateTime date ? DateOnly.FromDateTime(date) : Undecodable.Value,
            ColumnCategory.Timestamp => stored is DateTime time ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified) : Undecodable.Value,
            ColumnCategory.TimestampWithTimeZone => stored is DateTimeOffset instant ? instant.UtcDateTime : Undecodable.Value,
            ColumnCategory.Uuid => stored as Guid? ?? (object)Undecodable.Value,
            ColumnCategory.Binary => stored as byte[] ?? (object)Undecodable.Value,
            _ => Text(stored),
        };
    }

    /// <summary>
    /// The value <c>SqlBulkCopy</c> writes into a column of <paramref name="column"/>'s SQL Server type. A contract value
    /// that does not fit the column (a long beyond an int column) stops the write naming the column, never a value.
    /// </summary>
    public static object Encode(object? value, ColumnInfo column) => value switch
    {
        null => DBNull.Value,
        Undecodable => throw new InvalidOperationException("An undecodable value reached the writer; readers must stop or mask before that."),
        long integer when column.Category == ColumnCategory.Integer => column.NativeType switch
        {
            "tinyint" => integer is >= byte.MinValue and <= byte.MaxValue ? (object)(byte)integer : throw OutOfRange(column),
            "smallint" => integer is >= short.MinValue and <= short.MaxValue ? (object)(short)integer : throw OutOfRange(column),
            "int" => integer is >= int.MinValue and <= int.MaxValue ? (object)(int)integer : throw OutOfRange(column),
            _ => (object)integer,
        },
        double real when column.NativeType == "real" => (float)real,
        decimal number when column.FloatingPoint => (double)number,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
        DateTime time when column.Category == ColumnCategory.TimestampWithTimeZone => new DateTimeOffset(DateTime.SpecifyKind(time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime(), DateTimeKind.Unspecified), TimeSpan.Zero),
        DateTimeOffset instant when column.Category == ColumnCategory.Timestamp => instant.UtcDateTime,
        object?[] elements => ArrayJson.Serialize(elements),
        _ => value,
    };

    /// <summary>The CLR type <see cref="Encode"/> gives for a column of this SQL Server type (a reader's field type).</summary>
    public static Type FieldType(ColumnInfo column) => column.NativeType switch
    {
        "tinyint" => typeof(byte),
        "smallint" => typeof(short),
        "int" => typeof(int),
        "bigint" => typeof(long),
        "real" => typeof(float),
        "float" => typeof(double),
        "decimal" or "numeric" or "money" or "smallmoney" => typeof(decimal),
        "bit" => typeof(bool),
        "date" or "datetime" or "datetime2" or "smalldatetime" => typeof(DateTime),
        "datetimeoffset" => typeof(DateTimeOffset),
        "time" => typeof(TimeSpan),
        "uniqueidentifier" => typeof(Guid),
        "binary" or "varbinary" or "image" or "timestamp" or "rowversion" or "hierarchyid" or "geography" or "geometry" => typeof(byte[]),
        "sql_variant" => typeof(object),
        _ => typeof(string),
    };

    /// <summary>The text form of a value of a type masks cannot read, as samples show it.</summary>
    public static string Text(object stored) => stored switch
    {
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        TimeSpan time => time.ToString("hh\\:mm\\:ss\\.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF zzz", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => stored.ToString() ?? "",
    };

    /// <summary>A decimal(29..38) value: exact when .NET's decimal holds it, otherwise not decoded (never rounded).</summary>
    private static object DecodeWide(SqlDecimal wide)
    {
        try
        {
            return wide.Value;
        }
        catch (OverflowException)
        {
            return Undecodable.Value;
        }
    }

    private static DataRefreshException OutOfRange(ColumnInfo column) =>
        new(ExitCodes.RefreshFailed, $"a value for column {column.Name} is outside the range of {column.DataType} on the target; mask the column with a rule that keeps its range, or widen the target's column. The target was not changed.");
}
