using System.Globalization;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Schema;

namespace DataRefresh.Benchmarks;

/// <summary>Inputs shaped like the end-to-end benchmark's customers: distinct values, so no cache can flatter a masker.</summary>
internal static class Inputs
{
    public const int Count = 4096;

    public static readonly MaskingKey Key = MaskingKey.FromSecret("benchmark-masking-key-0123456789");

    public static readonly SourceLocation Here = new("bench.yaml", 1, 1);

    public static string[] Texts(string prefix) =>
        [.. Enumerable.Range(0, Count).Select(index => prefix + index.ToString(CultureInfo.InvariantCulture))];

    public static object[] Dates() => [.. Enumerable.Range(0, Count).Select(index => (object)new DateOnly(1950, 1, 1).AddDays(index * 7))];

    public static ColumnInfo Column(ColumnCategory category, string type, int? maxLength = null) =>
        new("c", type, type, category, maxLength, false, false);
}
