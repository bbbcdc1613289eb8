using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Schema;
using DataRefresh.Providers.SqlServer.Target;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Providers.SqlServer.Tests.SchemaModel;

/// <summary>
/// A SQL Server side database built from another engine's neutral model (a PostgreSQL source here): the statements, each
/// parsed with ScriptDom, the values the writer sends for each kind of column, and how its keys are verified.
/// </summary>
public sealed class NeutralScripterTests
{
    private static readonly QualifiedName Customers = new("public", "customers");
    private static readonly QualifiedName Orders = new("public", "orders");

    private static readonly ColumnInfo[] CustomerColumns =
    [
        new("id", "bigint", "int8", ColumnCategory.Integer, null, NotNull: true, IsGenerated: false, Precision: 64),
        new("email", "character varying(320)", "varchar", ColumnCategory.Text, 320, NotNull: false, IsGenerated: false),
        new("code", "text", "text", ColumnCategory.Text, null, NotNull: true, IsGenerated: false),
        new("tier", "tier", "tier", ColumnCategory.Other, null, NotNull: true, IsGenerated: false, Labels: ["gold", "it's"]),
        new("age", "smallint", "int2", ColumnCategory.Integer, null, NotNull: false, IsGenerated: false, Precision: 16),
        new("balance", "numeric(12,2)", "numeric", ColumnCategory.Numeric, null, NotNull: false, IsGenerated: false, Precision: 12, Scale: 2),
        new("score", "double precision", "float8", ColumnCategory.Numeric, null, NotNull: false, IsGenerated: false, FloatingPoint: true),
        new("active", "boolean", "bool", ColumnCategory.Boolean, null, NotNull: false, IsGenerated: false),
        new("born", "date", "date", ColumnCategory.Date, null, NotNull: false, IsGenerated: false),
        new("seen", "timestamp", "timestamp", ColumnCategory.Timestamp, null, NotNull: false, IsGenerated: false),
        new("seen_at", "timestamptz", "timestamptz", ColumnCategory.TimestampWithTimeZone, null, NotNull: false, IsGenerated: false),
        new("token", "uuid", "uuid", ColumnCategory.Uuid, null, NotNull: false, IsGenerated: false),
        new("doc", "jsonb", "jsonb", ColumnCategory.Json, null, NotNull: false, IsGenerated: false),
        new("photo", "bytea", "bytea", ColumnCategory.Binary, null, NotNull: false, IsGenerated: false),
        new("tags", "integer[]", "_int4", ColumnCategory.Array, null, NotNull: false, IsGenerated: false,
            Element: new("tags", "integer", "int4", ColumnCategory.Integer, null, NotNull: false, IsGenerated: false, Precision: 32)),
    ];

    private static readonly ColumnInfo[] OrderColumns =
    [
        new("id", "integer", "int4", ColumnCategory.Integer, null, NotNull: true, IsGenerated: false, Precision: 32),
        new("customer_id", "bigint", "int8", ColumnCategory.Integer, null, NotNull: false, IsGenerated: false, Precision: 64),
        new("referrer_id", "bigint", "int8", ColumnCategory.Integer, null, NotNull: false, IsGenerated: false, Precision: 64),
    ];

    private static readonly IReadOnlyList<KeyDefinition> Keys =
    [
        Key(Customers, "customers_pkey", KeyKind.PrimaryKey, ["id"]),
        Key(Customers, "customers_email_key", KeyKind.UniqueConstraint, ["email"]),
        Key(Customers, "customers_code_key", KeyKind.UniqueIndex, ["code"]),
        Key(Orders, "orders_pkey", KeyKind.PrimaryKey, ["id"]),
        Key(Orders, "orders_customer_id_fkey", KeyKind.ForeignKey, ["customer_id"], Customers, ["id"]),
        Key(Orders, "orders_referrer_id_fkey", KeyKind.ForeignKey, ["referrer_id"], Customers, ["id"]) with { Valid = false },
    ];

    private static SchemaExport Export(IReadOnlyList<KeyDefinition>? keys = null, params TableInfo[] tables) =>
        new(new DatabaseSchema(tables.Length > 0 ? tables : [new(Customers, CustomerColumns, [], 10, false), new(Orders, OrderColumns, [], 10, false)]), keys ?? Keys, ProviderKind.PostgreSql, null)
        {
            Indexes = [new Core.Providers.IndexDefinition(Orders, "orders_customer_idx", ["customer_id", "id"])],
        };

    private static readonly IReadOnlyList<Schema.Catalog.ScriptedStatement> Script = NeutralScripter.Script(Export());

    [Fact]
    public void Every_statement_parses_alone_and_pre_data_creates_the_schema_and_the_tables_with_their_types_binary_text_and_label_checks()
    {
        Assert.All(Script, statement => Assert.NotEmpty(TSql.Statements(statement.Sql)));

        var pre = Script.Where(statement => statement.Section == SchemaSection.PreData).Select(statement => statement.Sql).ToList();
        Assert.Equal("CREATE SCHEMA [public];", pre[0]);
        Assert.Equal(
            """
            CREATE TABLE [public].[customers] (
                [id] bigint NOT NULL,
                [email] nvarchar(320) COLLATE Latin1_General_100_BIN2 NULL,
                [code] nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
                [tier] nvarchar(4) COLLATE Latin1_General_100_BIN2 NOT NULL CHECK ([tier] IN (N'gold', N'it''s')),
                [age] smallint NULL,
                [balance] decimal(12, 2) NULL,
                [score] float NULL,
                [active] bit NULL,
                [born] date NULL,
                [seen] datetime2(7) NULL,
                [seen_at] datetimeoffset(7) NULL,
                [token] uniqueidentifier NULL,
                [doc] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
                [photo] varbinary(max) NULL,
                [tags] nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL
            );
            """.ReplaceLineEndings("\n"),
            pre[1]);
        Assert.Equal(3, pre.Count);
    }

    [Fact]
    public void Keys_and_indexes_come_with_their_table_a_unique_key_over_nullable_columns_admits_many_NULLs_and_foreign_keys_come_last_naming_their_tables()
    {
        string Sql(string what) => Script.Single(statement => statement.Object == what).Sql;

        Assert.Equal("ALTER TABLE [public].[customers] ADD CONSTRAINT [customers_pkey] PRIMARY KEY ([id]);", Sql("primary key customers_pkey"));
        Assert.Equal("CREATE UNIQUE INDEX [customers_email_key] ON [public].[customers] ([email]) WHERE [email] IS NOT NULL;", Sql("unique constraint customers_email_key"));
        Assert.Equal("CREATE UNIQUE INDEX [customers_code_key] ON [public].[customers] ([code]);", Sql("unique index customers_code_key"));
        Assert.Equal("CREATE INDEX [orders_customer_idx] ON [public].[orders] ([customer_id], [id]);", Sql("index orders_customer_idx"));
        Assert.All(Script.Where(statement => statement.Section == SchemaSection.PostData && !statement.Object.StartsWith("foreign key", StringComparison.Ordinal)),
            statement => Assert.NotNull(statement.Table));

        var checkedKey = Assert.IsType<AlterTableAddTableElementStatement>(Assert.Single(TSql.Statements(Sql("foreign key orders_customer_id_fkey"))));
        var uncheckedKey = Assert.IsType<AlterTableAddTableElementStatement>(Assert.Single(TSql.Statements(Sql("foreign key orders_referrer_id_fkey"))));
        Assert.Equal(ConstraintEnforcement.Check, checkedKey.ExistingRowsCheckEnforcement);
        Assert.Equal(ConstraintEnforcement.NoCheck, uncheckedKey.ExistingRowsCheckEnforcement);
        var foreignKey = Script.Single(statement => statement.Object == "foreign key orders_customer_id_fkey");
        Assert.Null(foreignKey.Table);
        Assert.Equal(new HashSet<QualifiedName> { Orders, Customers }, foreignKey.ForeignKeyTables);
        Assert.True(Script.ToList().IndexOf(foreignKey) > Script.ToList().FindLastIndex(statement => statement.Table is not null));
    }

    [Fact]
    public void A_schema_that_has_to_be_guessed_at_is_refused_naming_the_column_or_key_before_any_row_moves()
    {
        var computed = CustomerColumns[0] with { Name = "total", IsGenerated = true, Expression = "id * 2" };
        var range = CustomerColumns[0] with { Name = "span", DataType = "int4range", NativeType = "int4range", Category = ColumnCategory.Other, Precision = null };
        var expression = Key(Customers, "customers_lower_email", KeyKind.UniqueIndex, ["email"]) with { Simple = false };

        Assert.Contains("column public.customers.total is computed by the PostgreSql source", Refusal(Export([], new TableInfo(Customers, [CustomerColumns[0], computed], [], 1, false))), StringComparison.Ordinal);
        Assert.Contains("column public.customers.span has the PostgreSql type int4range, which has no SQL Server counterpart", Refusal(Export([], new TableInfo(Customers, [CustomerColumns[0], range], [], 1, false))), StringComparison.Ordinal);
        Assert.Contains("unique index customers_lower_email of public.customers has expressions or a predicate", Refusal(Export([expression])), StringComparison.Ordinal);
        NeutralScripter.Check(Export());

        static string Refusal(SchemaExport schema)
        {
            var refused = Assert.Throws<DataRefreshException>(() => NeutralScripter.Check(schema));
            Assert.Equal(ExitCodes.Configuration, refused.ExitCode);
            return refused.Message;
        }
    }

    [Fact]
    public void The_writer_sends_every_contract_value_as_the_CLR_type_of_the_column_the_scripter_built()
    {
        object[] values = [42L, "a@example.org", "C-1", "gold", 7L, 12.34m, 0.5, true, new DateOnly(1990, 5, 1), new DateTime(2024, 3, 1, 10, 0, 0), new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc), Guid.NewGuid(), "{\"a\":1}", new byte[] { 1, 2 }, new object?[] { 1L, null }];

        foreach (var (column, value) in CustomerColumns.Zip(values))
        {
            var built = NeutralScripter.AsBuilt(column);
            var sent = SqlServerValueCodec.Encode(value, built);
            Assert.True(SqlServerValueCodec.FieldType(built).IsInstanceOfType(sent), $"{column.Name}: {sent.GetType().Name} sent for a {built.NativeType} column of field type {SqlServerValueCodec.FieldType(built).Name}");
        }

        Assert.Equal("[1,null]", SqlServerValueCodec.Encode(new object?[] { 1L, null }, NeutralScripter.AsBuilt(CustomerColumns[^1])));
        Assert.Equal((short)7, SqlServerValueCodec.Encode(7L, NeutralScripter.AsBuilt(CustomerColumns[4])));
    }

    [Fact]
    public async Task Keys_of_another_engine_are_verified_by_their_columns_and_references_not_by_their_definition_text()
    {
        var source = Keys;
        var copy = new List<KeyDefinition>
        {
            Key(Customers, "customers_pkey", KeyKind.PrimaryKey, ["id"]) with { Definition = "PRIMARY KEY CLUSTERED ([id])" },
            Key(Customers, "customers_email_key", KeyKind.UniqueIndex, ["email"]) with { Definition = "UNIQUE ([email]) WHERE ([email] IS NOT NULL)" },
            Key(Customers, "customers_code_key", KeyKind.UniqueIndex, ["code"]),
            Key(Orders, "orders_pkey", KeyKind.UniqueConstraint, ["id"]),
            Key(Orders, "orders_customer_id_fkey", KeyKind.ForeignKey, ["customer_id"], Orders, ["id"]),
            Key(Orders, "orders_referrer_id_fkey", KeyKind.ForeignKey, ["referrer_id"], Customers, ["id"]) with { Valid = false },
        };

        var checks = await SqlServerKeyVerifier.VerifyAsync(source, copy, sameEngine: false);

        var problems = checks.Where(check => check.Outcome != CheckOutcome.Passed).Select(check => (check.Outcome, check.Detail)).ToList();
        (CheckOutcome, string)[] expected =
        [
            (CheckOutcome.Failed, "primary key orders_pkey is defined differently in the side database"),
            (CheckOutcome.Failed, "foreign key orders_customer_id_fkey is defined differently in the side database"),
            (CheckOutcome.Warning, "foreign key orders_referrer_id_fkey is not trusted, as in the source"),
        ];
        Assert.Equal(expected.Order(), problems.Order());

        // From a SQL Server source, the definition's text is what is compared.
        Assert.Contains(await SqlServerKeyVerifier.VerifyAsync([source[0]], [copy[0]], sameEngine: true), check => check.Outcome == CheckOutcome.Failed);
    }

    private static KeyDefinition Key(QualifiedName table, string name, KeyKind kind, string[] columns, QualifiedName? referenced = null, string[]? referencedColumns = null) =>
        new(table, name, kind, $"definition of {name}", true, columns, referenced, referencedColumns ?? [], Simple: true);
}
