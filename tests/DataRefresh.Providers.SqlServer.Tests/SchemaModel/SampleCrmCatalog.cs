using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;

namespace DataRefresh.Providers.SqlServer.Tests.SchemaModel;

/// <summary>
/// What SQL Server's catalog says about <c>jobs/sqlserver/crm.sql</c>, as the catalog reader hands it to the scripter:
/// definitions of defaults, computed columns, checks and filters in the server's normalized form, modules as written.
/// </summary>
internal static class SampleCrmCatalog
{
    private static QualifiedName Crm(string name) => new("crm", name);

    public static SqlServerCatalog Create() => new(
        Schemas: [new CatalogSchema("crm"), new CatalogSchema("audit")],
        AliasTypes: [new CatalogAliasType(Crm("Phone"), "nvarchar(20)", Nullable: true)],
        TableTypes:
        [
            new CatalogTableType(Crm("CustomerList"), [new CatalogColumn("CustomerId", "int", false), new CatalogColumn("Note", "nvarchar(100)", true)], ["CustomerId"]),
        ],
        Sequences: [new CatalogSequence(Crm("InvoiceNumbers"), "bigint", 1000, 1, 1000, 9999999999, Cycle: false, Cache: 50)],
        Tables:
        [
            new CatalogTable(
                Crm("Customers"),
                [
                    new CatalogColumn("CustomerId", "int", false, Identity: new CatalogIdentity(1, 1)),
                    new CatalogColumn("ExternalId", "uniqueidentifier", false, DefaultName: "DF_Customers_ExternalId", Default: "(newid())"),
                    new CatalogColumn("FullName", "nvarchar(200)", false, Collation: "Latin1_General_100_CI_AS"),
                    new CatalogColumn("Email", "nvarchar(320)", false),
                    new CatalogColumn("EmailKey", "nvarchar(320)", true, Computed: "([crm].[NormalizeEmail]([Email]))", Persisted: true),
                    new CatalogColumn("Phone", "[crm].[Phone]", true),
                    new CatalogColumn("BirthDate", "date", true),
                    new CatalogColumn("Balance", "decimal(38, 4)", false, DefaultName: "DF_Customers_Balance", Default: "((0))"),
                    new CatalogColumn("CreditLimit", "money", true),
                    new CatalogColumn("Fax", "varchar(30)", true, Sparse: true),
                    new CatalogColumn("LastSeen", "datetimeoffset(7)", true),
                    new CatalogColumn("Photo", "varbinary(max)", true),
                    new CatalogColumn("RowVersion", "rowversion", false),
                ],
                DependsOn: [Crm("NormalizeEmail")]),
            new CatalogTable(
                Crm("Orders"),
                [
                    new CatalogColumn("OrderId", "bigint", false, Identity: new CatalogIdentity(1, 1)),
                    new CatalogColumn("CustomerId", "int", false),
                    new CatalogColumn("InvoiceNumber", "bigint", false, DefaultName: "DF_Orders_InvoiceNumber", Default: "(NEXT VALUE FOR [crm].[InvoiceNumbers])"),
                    new CatalogColumn("OrderedAt", "datetime2(3)", false),
                    new CatalogColumn("Status", "varchar(10)", false),
                    new CatalogColumn("Amount", "decimal(12, 2)", false),
                    new CatalogColumn("ShippedAt", "datetime2(3)", true),
                ]),
            new CatalogTable(
                Crm("OrderFacts"),
                [new CatalogColumn("OrderId", "bigint", false), new CatalogColumn("Day", "date", false), new CatalogColumn("Amount", "decimal(12, 2)", false)]),
            new CatalogTable(
                Crm("ContractsHistory"),
                [
                    new CatalogColumn("ContractId", "int", false),
                    new CatalogColumn("CustomerId", "int", false),
                    new CatalogColumn("Terms", "nvarchar(max)", true),
                    new CatalogColumn("ValidFrom", "datetime2(7)", false),
                    new CatalogColumn("ValidTo", "datetime2(7)", false),
                ]),
            new CatalogTable(
                Crm("Contracts"),
                [
                    new CatalogColumn("ContractId", "int", false),
                    new CatalogColumn("CustomerId", "int", false),
                    new CatalogColumn("Terms", "nvarchar(max)", true),
                    new CatalogColumn("ValidFrom", "datetime2(7)", false, Period: "ROW START", Hidden: true),
                    new CatalogColumn("ValidTo", "datetime2(7)", false, Period: "ROW END", Hidden: true),
                ],
                new CatalogTemporal("ValidFrom", "ValidTo", Crm("ContractsHistory"))),
        ],
        Keys:
        [
            new CatalogKey(Crm("Customers"), "PK_Customers", Primary: true, Clustered: true, [new CatalogIndexColumn("CustomerId")]),
            new CatalogKey(Crm("Customers"), "UQ_Customers_ExternalId", Primary: false, Clustered: false, [new CatalogIndexColumn("ExternalId")]),
            new CatalogKey(Crm("Orders"), "PK_Orders", Primary: true, Clustered: true, [new CatalogIndexColumn("OrderId")]),
            new CatalogKey(Crm("Contracts"), "PK_Contracts", Primary: true, Clustered: true, [new CatalogIndexColumn("ContractId")]),
        ],
        Indexes:
        [
            new CatalogIndex(Crm("Customers"), "IX_Customers_EmailKey", Unique: true, "NONCLUSTERED", [new CatalogIndexColumn("EmailKey")], ["FullName"]),
            new CatalogIndex(Crm("Orders"), "IX_Orders_Open", Unique: false, "NONCLUSTERED", [new CatalogIndexColumn("CustomerId"), new CatalogIndexColumn("OrderedAt", Descending: true)], ["Amount"], "([ShippedAt] IS NULL)"),
            new CatalogIndex(Crm("OrderFacts"), "CCI_OrderFacts", Unique: false, "CLUSTERED COLUMNSTORE", [], []),
        ],
        Checks:
        [
            new CatalogCheck(Crm("Customers"), "CK_Customers_Balance", "([Balance]>=(0))"),
            new CatalogCheck(Crm("Orders"), "CK_Orders_Status", "([Status]='cancelled' OR [Status]='shipped' OR [Status]='open')"),
        ],
        ForeignKeys:
        [
            new CatalogForeignKey(Crm("Orders"), "FK_Orders_Customers", ["CustomerId"], Crm("Customers"), ["CustomerId"], OnDelete: "CASCADE"),
            new CatalogForeignKey(Crm("Contracts"), "FK_Contracts_Customers", ["CustomerId"], Crm("Customers"), ["CustomerId"]),
        ],
        Modules:
        [
            // Listed before what they reference, as sys.objects may list them: the scripter orders them.
            new CatalogModule(new QualifiedName("audit", "CountActive"), "PROCEDURE", "CREATE PROCEDURE audit.CountActive\nAS\nSELECT Customers FROM crm.ActiveCustomerCount;", [Crm("ActiveCustomerCount")]),
            new CatalogModule(Crm("ActiveCustomerCount"), "VIEW", "CREATE VIEW crm.ActiveCustomerCount\nAS\nSELECT COUNT(*) AS Customers FROM crm.ActiveCustomers;", [Crm("ActiveCustomers")]),
            new CatalogModule(
                Crm("ActiveCustomers"),
                "VIEW",
                "CREATE VIEW crm.ActiveCustomers\nAS\nSELECT c.CustomerId, c.FullName, c.Email\nFROM crm.Customers AS c\nWHERE EXISTS (SELECT 1 FROM crm.Orders AS o WHERE o.CustomerId = c.CustomerId AND o.ShippedAt IS NULL);",
                [Crm("Customers"), Crm("Orders")]),
            new CatalogModule(
                Crm("Orders_NoDeleteShipped"),
                "TRIGGER",
                "CREATE TRIGGER crm.Orders_NoDeleteShipped ON crm.Orders AFTER DELETE\nAS\nBEGIN\n    SET NOCOUNT ON;\n    IF EXISTS (SELECT 1 FROM deleted WHERE ShippedAt IS NOT NULL)\n        THROW 50001, N'Shipped orders are kept.', 1;\nEND",
                [],
                Crm("Orders")),
            new CatalogModule(
                Crm("NormalizeEmail"),
                "FUNCTION",
                "CREATE FUNCTION crm.NormalizeEmail (@email nvarchar(320))\nRETURNS nvarchar(320)\nWITH SCHEMABINDING\nAS\nBEGIN\n    RETURN LOWER(LTRIM(RTRIM(@email)));\nEND",
                []),
        ],
        Synonyms: [new CatalogSynonym(Crm("Clients"), "[crm].[Customers]")],
        ExtendedProperties: [new CatalogExtendedProperty("MS_Description", "Where invoices are sent; personal data.", "crm", "Customers", "TABLE", "Email")]);
}
