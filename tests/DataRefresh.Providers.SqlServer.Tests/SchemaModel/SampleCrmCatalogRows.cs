using DataRefresh.Providers.SqlServer.Schema.Catalog;

namespace DataRefresh.Providers.SqlServer.Tests.SchemaModel;

/// <summary>
/// What <see cref="CatalogQueries"/> return on a database built by <c>jobs/sqlserver/crm.sql</c>, row by row in the
/// queries' column order and sort order (sizes as <c>sys.columns</c> gives them: bytes, nvarchar doubled, -1 for max),
/// with a few rows the sample lacks (a graph table, an encrypted column, leftovers of other kinds) where a test adds them.
/// </summary>
internal static class SampleCrmCatalogRows
{
    public static CatalogRows Create() => new(
        Schemas: [["audit"], ["crm"]],
        AliasTypes: [["crm", "Phone", "nvarchar", (short)40, (byte)0, (byte)0, true]],
        Columns:
        [
            Column("Contracts", 1, "ContractId", "int", 4, 10),
            Column("Contracts", 2, "CustomerId", "int", 4, 10),
            Column("Contracts", 3, "Terms", "nvarchar", -1, nullable: true),
            Column("Contracts", 4, "ValidFrom", "datetime2", 8, 27, 7, period: 1, hidden: true),
            Column("Contracts", 5, "ValidTo", "datetime2", 8, 27, 7, period: 2, hidden: true),
            Column("ContractsHistory", 1, "ContractId", "int", 4, 10),
            Column("ContractsHistory", 2, "CustomerId", "int", 4, 10),
            Column("ContractsHistory", 3, "Terms", "nvarchar", -1, nullable: true),
            Column("ContractsHistory", 4, "ValidFrom", "datetime2", 8, 27, 7),
            Column("ContractsHistory", 5, "ValidTo", "datetime2", 8, 27, 7),
            Column("Customers", 1, "CustomerId", "int", 4, 10, identity: (1, 1), lastValue: 42),
            Column("Customers", 2, "ExternalId", "uniqueidentifier", 16, defaultName: "DF_Customers_ExternalId", defaultDefinition: "(newid())"),
            Column("Customers", 3, "FullName", "nvarchar", 400, collation: "Latin1_General_100_CI_AS"),
            Column("Customers", 4, "Email", "nvarchar", 640),
            Column("Customers", 5, "EmailKey", "nvarchar", 640, nullable: true, computed: "([crm].[NormalizeEmail]([Email]))", persisted: true),
            Column("Customers", 6, "Phone", "nvarchar", 40, nullable: true, aliasType: "Phone"),
            Column("Customers", 7, "BirthDate", "date", 3, 10, nullable: true),
            Column("Customers", 8, "Balance", "decimal", 17, 38, 4, defaultName: "DF_Customers_Balance", defaultDefinition: "((0))"),
            Column("Customers", 9, "CreditLimit", "money", 8, 19, 4, nullable: true),
            Column("Customers", 10, "Fax", "varchar", 30, nullable: true, sparse: true),
            Column("Customers", 11, "LastSeen", "datetimeoffset", 10, 34, 7, nullable: true),
            Column("Customers", 12, "Photo", "varbinary", -1, nullable: true),
            Column("Customers", 13, "RowVersion", "timestamp", 8),
            Column("OrderFacts", 1, "OrderId", "bigint", 8, 19),
            Column("OrderFacts", 2, "Day", "date", 3, 10),
            Column("OrderFacts", 3, "Amount", "decimal", 9, 12, 2),
            Column("Orders", 1, "OrderId", "bigint", 8, 19, identity: (1, 1)),
            Column("Orders", 2, "CustomerId", "int", 4, 10),
            Column("Orders", 3, "InvoiceNumber", "bigint", 8, 19, defaultName: "DF_Orders_InvoiceNumber", defaultDefinition: "(NEXT VALUE FOR [crm].[InvoiceNumbers])"),
            Column("Orders", 4, "OrderedAt", "datetime2", 7, 23, 3),
            Column("Orders", 5, "Status", "varchar", 10),
            Column("Orders", 6, "Amount", "decimal", 9, 12, 2),
            Column("Orders", 7, "ShippedAt", "datetime2", 7, 23, 3, nullable: true),
        ],
        TableTypeColumns:
        [
            Column("CustomerList", 1, "CustomerId", "int", 4, 10),
            Column("CustomerList", 2, "Note", "nvarchar", 200, nullable: true),
        ],
        TableTypeKeys: [["crm", "CustomerList", "CustomerId"]],
        Tables:
        [
            Table("Contracts", 3, temporalType: 2),
            Table("ContractsHistory", 5, temporalType: 1),
            Table("Customers", 40),
            Table("OrderFacts", 0),
            Table("Orders", 120),
        ],
        Temporal: [["crm", "Contracts", "ValidFrom", "ValidTo", "crm", "ContractsHistory"]],
        Sequences: [["crm", "InvoiceNumbers", "bigint", 1000L, 1L, 1000L, 9999999999L, false, true, 50, 1119L]],
        Keys:
        [
            Key("Contracts", "PK_Contracts", primary: true, clustered: true, "ContractId", 1),
            Key("Customers", "PK_Customers", primary: true, clustered: true, "CustomerId", 1),
            Key("Customers", "UQ_Customers_ExternalId", primary: false, clustered: false, "ExternalId", 1),
            Key("Orders", "PK_Orders", primary: true, clustered: true, "OrderId", 1),
        ],
        Indexes:
        [
            ["crm", "Customers", "IX_Customers_EmailKey", true, "NONCLUSTERED", null, "EmailKey", false, false, (byte)1],
            ["crm", "Customers", "IX_Customers_EmailKey", true, "NONCLUSTERED", null, "FullName", false, true, (byte)0],
            ["crm", "OrderFacts", "CCI_OrderFacts", false, "CLUSTERED_COLUMNSTORE", null, "OrderId", false, false, (byte)0],
            ["crm", "OrderFacts", "CCI_OrderFacts", false, "CLUSTERED_COLUMNSTORE", null, "Day", false, false, (byte)0],
            ["crm", "OrderFacts", "CCI_OrderFacts", false, "CLUSTERED_COLUMNSTORE", null, "Amount", false, false, (byte)0],
            ["crm", "Orders", "IX_Orders_Open", false, "NONCLUSTERED", "([ShippedAt] IS NULL)", "CustomerId", false, false, (byte)1],
            ["crm", "Orders", "IX_Orders_Open", false, "NONCLUSTERED", "([ShippedAt] IS NULL)", "OrderedAt", true, false, (byte)2],
            ["crm", "Orders", "IX_Orders_Open", false, "NONCLUSTERED", "([ShippedAt] IS NULL)", "Amount", false, true, (byte)0],
        ],
        Checks:
        [
            ["crm", "Customers", "CK_Customers_Balance", "([Balance]>=(0))", false],
            ["crm", "Orders", "CK_Orders_Status", "([Status]='cancelled' OR [Status]='shipped' OR [Status]='open')", false],
        ],
        ForeignKeys:
        [
            ["crm", "Contracts", "FK_Contracts_Customers", "crm", "Customers", "NO_ACTION", "NO_ACTION", "CustomerId", "CustomerId", true],
            ["crm", "Orders", "FK_Orders_Customers", "crm", "Customers", "CASCADE", "NO_ACTION", "CustomerId", "CustomerId", true],
        ],
        Modules:
        [
            ["audit", "CountActive", "P", "CREATE PROCEDURE audit.CountActive\nAS\nSELECT Customers FROM crm.ActiveCustomerCount;", null, null],
            ["crm", "ActiveCustomerCount", "V", "CREATE VIEW crm.ActiveCustomerCount\nAS\nSELECT COUNT(*) AS Customers FROM crm.ActiveCustomers;", null, null],
            [
                "crm", "ActiveCustomers", "V",
                "CREATE VIEW crm.ActiveCustomers\nAS\nSELECT c.CustomerId, c.FullName, c.Email\nFROM crm.Customers AS c\nWHERE EXISTS (SELECT 1 FROM crm.Orders AS o WHERE o.CustomerId = c.CustomerId AND o.ShippedAt IS NULL);",
                null, null,
            ],
            ["crm", "NormalizeEmail", "FN", "CREATE FUNCTION crm.NormalizeEmail (@email nvarchar(320))\nRETURNS nvarchar(320)\nWITH SCHEMABINDING\nAS\nBEGIN\n    RETURN LOWER(LTRIM(RTRIM(@email)));\nEND", null, null],
            [
                "crm", "Orders_NoDeleteShipped", "TR",
                "CREATE TRIGGER crm.Orders_NoDeleteShipped ON crm.Orders AFTER DELETE\nAS\nBEGIN\n    SET NOCOUNT ON;\n    IF EXISTS (SELECT 1 FROM deleted WHERE ShippedAt IS NOT NULL)\n        THROW 50001, N'Shipped orders are kept.', 1;\nEND",
                "crm", "Orders",
            ],
        ],
        Dependencies:
        [
            ["audit", "CountActive", "crm", "ActiveCustomerCount"],
            ["crm", "ActiveCustomerCount", "crm", "ActiveCustomers"],
            ["crm", "Customers", "crm", "NormalizeEmail"],
        ],
        Synonyms: [["crm", "Clients", "[crm].[Customers]"]],
        ExtendedProperties: [["MS_Description", "Where invoices are sent; personal data.", "crm", "Customers", "U", "Email"]],
        NotScripted: []);

    public static object?[] Column(
        string table, int id, string name, string type, short maxLength, byte precision = 0, byte scale = 0, bool nullable = false,
        string? collation = null, string? defaultName = null, string? defaultDefinition = null, (long Seed, long Increment)? identity = null,
        string? computed = null, bool persisted = false, bool sparse = false, byte period = 0, bool hidden = false, string? aliasType = null,
        int? encryption = null, long? lastValue = null, string schema = "crm") =>
    [
        schema, table, id, name, type, maxLength, precision, scale, nullable, collation, defaultName, defaultDefinition,
        identity?.Seed, identity?.Increment, computed, computed is null ? null : persisted, sparse, period, hidden,
        aliasType is not null, aliasType is null ? "sys" : schema, aliasType ?? type, encryption, lastValue,
    ];

    public static object?[] Table(string name, long rows, byte temporalType = 0, bool partitioned = false, bool memoryOptimized = false, bool graph = false, string schema = "crm") =>
        [schema, name, rows, partitioned, temporalType, memoryOptimized, graph];

    private static object?[] Key(string table, string name, bool primary, bool clustered, string column, byte ordinal) =>
        ["crm", table, name, primary, clustered, column, false, ordinal];
}
