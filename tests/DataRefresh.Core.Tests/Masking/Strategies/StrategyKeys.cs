using DataRefresh.Core.Masking;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Masking.Strategies;

/// <summary>Two masking keys and column shapes the strategy tests share.</summary>
internal static class StrategyKeys
{
    public static readonly MaskingKey Key = MaskingKey.FromSecret("strategy-test-key-0123456789");
    public static readonly MaskingKey OtherKey = MaskingKey.FromSecret("another-strategy-key-0123456789");

    public static KeyedHash Hash(string domain = "t.c:rule") => new(Key, domain);

    public static KeyedHash OtherHash(string domain = "t.c:rule") => new(OtherKey, domain);

    public static ColumnInfo Text(int? maxLength = null) => new("c", "text", "text", ColumnCategory.Text, maxLength, false, false);

    public static ColumnInfo Integer(int bits) => new("c", "int", "int" + (bits / 8), ColumnCategory.Integer, null, false, false, bits);

    public static ColumnInfo Numeric(int? precision, int? scale) => new("c", "numeric", "numeric", ColumnCategory.Numeric, null, false, false, precision, scale);
}
