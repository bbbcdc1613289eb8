using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Schema;

namespace DataRefresh.Providers.SqlServer.Tests.Copy;

/// <summary>
/// A person masked in SQL Server must match the same person masked in PostgreSQL: the same value, read by each engine's
/// reader into the value contract, masked by the same rule under the same key, gives the same output. The SQL Server
/// side starts from what SqlDataReader returns (int, DateTimeOffset with an offset, DateTime for date, SqlClient's
/// decimal); the PostgreSQL side from what its reader yields for the same value (its column descriptions as
/// PostgreSqlSchemaReader makes them: int4 is 32 bits, varchar(n) has length n, timestamptz is a UTC DateTime).
/// </summary>
public sealed class CrossEngineMaskingTests
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("cross-engine-key-0123456789");

    public static TheoryData<string, MaskStrategy, string, string> Rules => new()
    {
        { "full name", MaskStrategy.Fake, "faker", "name.fullName" },
        { "email", MaskStrategy.Fake, "faker", "internet.email" },
        { "email", MaskStrategy.Hash, "", "" },
        { "customer id", MaskStrategy.Hash, "", "" },
        { "balance", MaskStrategy.Noise, "percent", "10" },
        { "birth date", MaskStrategy.ShiftDate, "days", "30" },
        { "last seen", MaskStrategy.Hash, "", "" },
        { "external id", MaskStrategy.Hash, "", "" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_same_value_masked_by_the_same_rule_and_key_is_the_same_in_both_engines(string sample, MaskStrategy strategy, string parameter, string value)
    {
        var (sqlServerColumn, postgreSqlColumn, readBySqlServer, readByPostgreSql) = Samples[sample];
        var mask = parameter.Length == 0
            ? MaskDefinition.Of(strategy)
            : MaskDefinition.Of(strategy, (parameter, strategy switch { MaskStrategy.Noise => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), MaskStrategy.ShiftDate => (object)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), _ => value }));
        Assert.Null(MaskerFactory.FindConflict(mask, sqlServerColumn));

        var decoded = SqlServerValueCodec.Decode(readBySqlServer, sqlServerColumn);
        Assert.Equal(readByPostgreSql, decoded);

        var inSqlServer = Masker(mask, sqlServerColumn).Mask(decoded);
        var inPostgreSql = Masker(mask, postgreSqlColumn).Mask(readByPostgreSql);

        Assert.NotNull(inSqlServer);
        Assert.NotEqual(readByPostgreSql, inSqlServer);
        Assert.Equal(inPostgreSql, inSqlServer);
    }

    private static readonly Dictionary<string, (ColumnInfo SqlServer, ColumnInfo PostgreSql, object ReadBySqlServer, object ReadByPostgreSql)> Samples = new()
    {
        ["full name"] = (SqlServerTypes.Column("full_name", "nvarchar", 400, 0, 0, true, false), Pg("full_name", "varchar(200)", "varchar", ColumnCategory.Text, maxLength: 200), "Ada Lovelace", "Ada Lovelace"),
        ["email"] = (SqlServerTypes.Column("email", "nvarchar", 640, 0, 0, true, false), Pg("email", "varchar(320)", "varchar", ColumnCategory.Text, maxLength: 320), "ada@example.org", "ada@example.org"),
        ["customer id"] = (SqlServerTypes.Column("id", "int", 4, 10, 0, true, false), Pg("id", "integer", "int4", ColumnCategory.Integer, precision: 32), 1815, 1815L),
        ["balance"] = (SqlServerTypes.Column("balance", "decimal", 9, 12, 2, true, false), Pg("balance", "numeric(12,2)", "numeric", ColumnCategory.Numeric, precision: 12, scale: 2), 120.50m, 120.50m),
        ["birth date"] = (SqlServerTypes.Column("born", "date", 3, 10, 0, false, false), Pg("born", "date", "date", ColumnCategory.Date), new DateTime(1815, 12, 10), new DateOnly(1815, 12, 10)),
        ["last seen"] = (
            SqlServerTypes.Column("last_seen", "datetimeoffset", 10, 34, 7, false, false),
            Pg("last_seen", "timestamp with time zone", "timestamptz", ColumnCategory.TimestampWithTimeZone),
            new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)),
            new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc)),
        ["external id"] = (
            SqlServerTypes.Column("external_id", "uniqueidentifier", 16, 0, 0, true, false),
            Pg("external_id", "uuid", "uuid", ColumnCategory.Uuid),
            new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
            new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")),
    };

    private static ColumnInfo Pg(string name, string dataType, string nativeType, ColumnCategory category, int? maxLength = null, int? precision = null, int? scale = null) =>
        new(name, dataType, nativeType, category, maxLength, NotNull: false, IsGenerated: false, precision, scale);

    private static ColumnMasker Masker(MaskDefinition mask, ColumnInfo column) =>
        new MaskingSession(Key).CreateColumnMasker(new MaskRule(mask, null, null, null, mask.Location), column);
}
