using System.Globalization;
using System.Text;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// One text per key tuple, equal exactly when the values are: what the closure and the copy's filter compare. Each value
/// is tagged with its kind and length, so no two tuples share a text; integers are all <see cref="long"/> in the value
/// contract, so an int column referencing a bigint key matches it. Texts hold production keys: memory only, never written.
/// </summary>
internal static class SubsetKey
{
    /// <summary>A reference: the key of the values at <paramref name="columns"/>, or null when one of them is NULL (it points nowhere).</summary>
    public static string? Of(object?[] values, IReadOnlyList<int> columns) =>
        columns.Any(column => values[column] is null) ? null : Identity(values, columns);

    /// <summary>A row's identity: like <see cref="Of"/>, with NULL as a value of its own (tables without a key tell rows apart by every key column).</summary>
    public static string Identity(object?[] values, IReadOnlyList<int> columns)
    {
        var text = new StringBuilder();
        foreach (var column in columns)
        {
            var part = values[column] is { } value ? Part(value) : "n";
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return text.ToString();
    }

    private static string Part(object value) => value switch
    {
        string text => "s" + text,
        long number => "i" + number.ToString(CultureInfo.InvariantCulture),
        // 1.0 and 1.00 are the same key.
        decimal number => "d" + (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        double number => "f" + number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "b1" : "b0",
        Guid id => "u" + id.ToString("D"),
        byte[] bytes => "x" + Convert.ToHexString(bytes),
        DateOnly date => "a" + date.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => "t" + time.ToString("O", CultureInfo.InvariantCulture),
        Values.Undecodable => throw new InvalidOperationException("An undecodable value has no key."),
        _ => "o" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
