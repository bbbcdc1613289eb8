using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Providers.SqlServer.Tests.SchemaModel;

public sealed class CatalogAssemblerTests
{
    private static readonly QualifiedName Customers = new("crm", "Customers");
    private static readonly QualifiedName Orders = new("crm", "Orders");

    [Fact]
    public void Every_catalog_query_parses_as_T_SQL_and_only_selects()
    {
        foreach (var query in CatalogQueries.All)
        {
            var statements = TSql.Statements(query);
            Assert.All(statements, statement => Assert.IsType<SelectStatement>(statement));
        }
    }

    [Fact]
    public void The_rows_of_the_sample_CRM_assemble_into_the_catalog_that_scripts_as_the_sample_does()
    {
        var assembled = CatalogAssembler.Assemble(SampleCrmCatalogRows.Create());

        // The catalog lists objects by name, the fixture by hand: the same statements, each with the same text.
        static IEnumerable<string> Statements(SqlServerCatalog catalog) =>
            SqlServerScripter.Script(catalog).Select(statement => $"{statement.Section} {statement.Table} {statement.Object}\n{statement.Sql}").Order(StringComparer.Ordinal);
        Assert.Equal(Statements(SampleCrmCatalog.Create()), Statements(assembled.Catalog));
    }

    [Fact]
    public void Modules_come_after_what_they_reference_as_the_catalog_says()
    {
        var script = SqlServerScripter.Script(CatalogAssembler.Assemble(SampleCrmCatalogRows.Create()).Catalog).Select(statement => statement.Object).ToList();

        Assert.True(script.IndexOf("function crm.NormalizeEmail") < script.IndexOf("table crm.Customers"), "the function a computed column calls comes first");
        Assert.True(script.IndexOf("view crm.ActiveCustomers") < script.IndexOf("view crm.ActiveCustomerCount"));
        Assert.True(script.IndexOf("view crm.ActiveCustomerCount") < script.IndexOf("procedure audit.CountActive"));
    }

    [Fact]
    public void The_neutral_schema_has_each_column_s_category_generated_columns_estimates_keys_and_references()
    {
        var schema = CatalogAssembler.Assemble(SampleCrmCatalogRows.Create()).Schema;

        var customers = schema.FindTable(Customers)!;
        Assert.Equal(40, customers.EstimatedRows);
        Assert.Equal(ColumnCategory.Integer, customers.FindColumn("CustomerId")!.Category);
        Assert.Equal(ColumnCategory.Text, customers.FindColumn("Phone")!.Category);
        Assert.Equal(20, customers.FindColumn("Phone")!.MaxLength);
        Assert.Equal((38, 4), (customers.FindColumn("Balance")!.Precision, customers.FindColumn("Balance")!.Scale));
        Assert.Equal(ColumnCategory.TimestampWithTimeZone, customers.FindColumn("LastSeen")!.Category);
        Assert.True(customers.FindColumn("EmailKey")!.IsGenerated, "a computed column is computed by the target");
        Assert.True(customers.FindColumn("RowVersion")!.IsGenerated, "rowversion is set by the target");
        Assert.False(customers.FindColumn("Email")!.IsGenerated);
        Assert.True(customers.FindColumn("Email")!.NotNull);
        Assert.True(customers.IsUnique("CustomerId"));
        Assert.True(customers.IsUnique("ExternalId"));
        Assert.True(customers.IsUnique("EmailKey"), "an unfiltered unique index makes its column unique");

        var orders = schema.FindTable(Orders)!;
        var reference = Assert.Single(orders.ForeignKeys);
        Assert.Equal(("FK_Orders_Customers", Customers), (reference.Name, reference.ReferencedTable));
        Assert.Equal(["CustomerId"], reference.Columns);

        var contracts = schema.FindTable(new QualifiedName("crm", "Contracts"))!;
        Assert.False(contracts.FindColumn("ValidFrom")!.IsGenerated, "period columns load as plain columns and become the period afterwards");
        Assert.Equal(5, schema.Tables.Count);
    }

    [Fact]
    public void Keys_carry_one_canonical_definition_and_an_untrusted_foreign_key_is_not_valid()
    {
        var rows = SampleCrmCatalogRows.Create();
        rows = rows with { ForeignKeys = [.. rows.ForeignKeys.Select(row => row[2] as string == "FK_Orders_Customers" ? [.. row[..^1], false] : row)] };

        var keys = CatalogAssembler.Assemble(rows).Keys;

        Assert.Equal("PRIMARY KEY CLUSTERED ([CustomerId])", keys.Single(key => key.Name == "PK_Customers").Definition);
        var unique = keys.Single(key => key.Name == "IX_Customers_EmailKey");
        Assert.Equal((KeyKind.UniqueIndex, "UNIQUE NONCLUSTERED ([EmailKey]) INCLUDE ([FullName])", true), (unique.Kind, unique.Definition, unique.Simple));
        var orders = keys.Single(key => key.Name == "FK_Orders_Customers");
        Assert.Equal("FOREIGN KEY ([CustomerId]) REFERENCES [crm].[Customers] ([CustomerId]) ON DELETE CASCADE ON UPDATE NO ACTION", orders.Definition);
        Assert.False(orders.Valid);
        Assert.True(keys.Single(key => key.Name == "FK_Contracts_Customers").Valid);
        Assert.DoesNotContain(keys, key => key.Name == "IX_Orders_Open");
    }

    [Fact]
    public void Sequences_and_identities_stand_where_the_source_s_do_and_unused_ones_are_left_alone()
    {
        var sequences = CatalogAssembler.Assemble(SampleCrmCatalogRows.Create()).Sequences;

        Assert.Equal([new SequenceState(new QualifiedName("crm", "InvoiceNumbers"), 1119), new SequenceState(Customers, 42)], sequences);
    }

    [Fact]
    public void What_cannot_be_copied_is_named_graph_tables_leave_the_schema_and_encrypted_columns_are_known()
    {
        var rows = SampleCrmCatalogRows.Create();
        rows = rows with
        {
            Tables = [.. rows.Tables, SampleCrmCatalogRows.Table("Knows", 9, graph: true), SampleCrmCatalogRows.Table("Events", 9, partitioned: true, memoryOptimized: false)],
            Columns =
            [
                .. rows.Columns,
                SampleCrmCatalogRows.Column("Knows", 1, "Since", "date", 3),
                SampleCrmCatalogRows.Column("Events", 1, "Secret", "varbinary", 256, encryption: 1),
            ],
            NotScripted = [["CLR assembly", "Geo"], ["full-text index", "crm.Customers"]],
        };

        var assembled = CatalogAssembler.Assemble(rows);

        Assert.Equal(
            ["CLR assembly Geo", "full-text index crm.Customers", "graph table crm.Knows", "partitioning crm.Events (created as one unpartitioned table)", "Always Encrypted column crm.Events.Secret"],
            assembled.NotScripted.Select(item => item.ToString()));
        Assert.Null(assembled.Schema.FindTable(new QualifiedName("crm", "Knows")));
        Assert.DoesNotContain(assembled.Catalog.Tables, table => table.Name.Name == "Knows");
        Assert.Equal(["crm.Events.Secret"], assembled.EncryptedColumns);
    }

    [Fact]
    public void An_encrypted_module_has_no_definition_and_is_not_scripted()
    {
        var rows = SampleCrmCatalogRows.Create();
        rows = rows with { Modules = [.. rows.Modules, ["crm", "Secretive", "P", null, null, null]] };

        Assert.DoesNotContain(CatalogAssembler.Assemble(rows).Catalog.Modules, module => module.Name.Name == "Secretive");
    }

    [Fact]
    public void A_target_of_another_engine_is_told_what_it_cannot_build_and_gets_the_plain_indexes()
    {
        var assembled = CatalogAssembler.Assemble(SampleCrmCatalogRows.Create());

        Assert.Contains(new SchemaObject("view", "crm.ActiveCustomers"), assembled.Portability);
        Assert.Contains(new SchemaObject("trigger", "crm.Orders_NoDeleteShipped"), assembled.Portability);
        Assert.Contains(new SchemaObject("index", "IX_Orders_Open on crm.Orders"), assembled.Portability);
        Assert.Contains(new SchemaObject("generated column", "crm.Customers.EmailKey"), assembled.Portability);
        Assert.Contains(new SchemaObject("system versioning", "crm.Contracts"), assembled.Portability);
        Assert.Empty(assembled.Indexes);
    }
}
