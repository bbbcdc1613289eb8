using DataRefresh.Core.Providers;

namespace DataRefresh.Providers.SqlServer.Copy;

/// <summary>
/// Rows between SQL Server databases: each unmasked cell as the driver read it (a DateTimeOffset keeps its offset, a
/// SqlDecimal its 38 digits, a CLR type its bytes), each masked cell as the mask produced it. The SQL Server writer takes
/// these and <see cref="DecodedRowBatch"/>es alike, through <see cref="SqlServerValueCodec.Encode"/>.
/// </summary>
internal sealed class SqlServerRowBatch(IReadOnlyList<object?[]> rows) : ValueRowBatch(rows)
{
    public const string Format = "sqlserver";
}
