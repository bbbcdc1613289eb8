using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Testing;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Providers.SqlServer.Tests.SchemaModel;

public sealed class SqlServerScripterTests
{
    private static readonly IReadOnlyList<ScriptedStatement> Script = SqlServerScripter.Script(SampleCrmCatalog.Create());

    /// <summary>
    /// The whole script against its golden file. After an intended change, regenerate it with
    /// <c>DATAREFRESH_UPDATE_GOLDEN=1 dotnet test</c> and review the diff like code.
    /// </summary>
    [Fact]
    public void The_sample_CRM_scripts_as_its_golden_file()
    {
        var golden = Path.Combine(SourceDirectory(), "SchemaModel", "Golden", "crm.sql");
        var text = SqlServerScripter.ToText(Script);
        if (Environment.GetEnvironmentVariable("DATAREFRESH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, text);
        }

        Assert.Equal(File.ReadAllText(golden), text);
    }

    [Fact]
    public void Every_statement_parses_as_T_SQL_alone_in_its_batch_and_the_whole_script_with_GO_separators()
    {
        foreach (var statement in Script)
        {
            Assert.NotEmpty(TSql.Statements(statement.Sql));
        }

        Assert.Equal(Script.Count, TSql.Parse(SqlServerScripter.ToText(Script)).Batches.Count);
    }

    [Fact]
    public void Tables_load_as_heaps_with_their_columns_and_keys_indexes_checks_and_triggers_come_with_their_table_after_the_load()
    {
        var pre = Script.Where(statement => statement.Section == SchemaSection.PreData).SelectMany(statement => TSql.Statements(statement.Sql)).ToList();
        var customers = pre.OfType<CreateTableStatement>().Single(table => table.SchemaObjectName.BaseIdentifier.Value == "Customers");
        var columns = customers.Definition.ColumnDefinitions;

        Assert.Empty(customers.Definition.TableConstraints);
        Assert.NotNull(columns.Single(column => column.ColumnIdentifier.Value == "CustomerId").IdentityOptions);
        Assert.NotNull(columns.Single(column => column.ColumnIdentifier.Value == "EmailKey").ComputedColumnExpression);
        Assert.True(columns.Single(column => column.ColumnIdentifier.Value == "EmailKey").IsPersisted);
        Assert.Equal("Latin1_General_100_CI_AS", columns.Single(column => column.ColumnIdentifier.Value == "FullName").Collation.Value);
        Assert.Equal("DF_Customers_Balance", columns.Single(column => column.ColumnIdentifier.Value == "Balance").DefaultConstraint.ConstraintIdentifier.Value);

        var owned = Script.Where(statement => statement.Table == new QualifiedName("crm", "Orders")).Select(statement => statement.Object).ToList();
        Assert.Equal(["primary key PK_Orders", "index IX_Orders_Open", "check CK_Orders_Status", "trigger crm.Orders_NoDeleteShipped"], owned);
    }

    [Fact]
    public void A_function_a_computed_column_calls_comes_before_its_table_and_views_follow_what_they_read()
    {
        var order = Script.Select(statement => statement.Object).ToList();

        Assert.True(order.IndexOf("function crm.NormalizeEmail") < order.IndexOf("table crm.Customers"));
        Assert.Equal(SchemaSection.PreData, Script.Single(statement => statement.Object == "function crm.NormalizeEmail").Section);
        Assert.True(order.IndexOf("view crm.ActiveCustomers") < order.IndexOf("view crm.ActiveCustomerCount"));
        Assert.True(order.IndexOf("view crm.ActiveCustomerCount") < order.IndexOf("procedure audit.CountActive"));
        Assert.True(order.IndexOf("foreign key FK_Orders_Customers") < order.IndexOf("view crm.ActiveCustomers"));
    }

    [Fact]
    public void Foreign_keys_are_created_WITH_CHECK_so_they_end_trusted()
    {
        var keys = Script.Where(statement => statement.Object.StartsWith("foreign key", StringComparison.Ordinal))
            .Select(statement => Assert.IsType<AlterTableAddTableElementStatement>(Assert.Single(TSql.Statements(statement.Sql))))
            .ToList();

        Assert.Equal(2, keys.Count);
        Assert.All(keys, key => Assert.Equal(ConstraintEnforcement.Check, key.ExistingRowsCheckEnforcement));
    }

    [Fact]
    public void A_foreign_key_names_the_two_tables_it_alters_so_keys_on_other_tables_build_beside_it_and_nothing_else_claims_tables()
    {
        var orders = Script.Single(statement => statement.Object == "foreign key FK_Orders_Customers");

        Assert.Equal(new HashSet<QualifiedName> { new("crm", "Orders"), new("crm", "Customers") }, orders.ForeignKeyTables);
        Assert.All(Script.Where(statement => !statement.Object.StartsWith("foreign key", StringComparison.Ordinal)), statement => Assert.Empty(statement.ForeignKeyTables));
    }

    [Fact]
    public void A_temporal_table_gets_its_period_hidden_columns_and_history_after_its_rows_are_in()
    {
        var versioning = Script.Single(statement => statement.Object == "system versioning of crm.Contracts");
        var contracts = TSql.Statements(Script.Single(statement => statement.Object == "table crm.Contracts").Sql).OfType<CreateTableStatement>().Single();

        Assert.Equal(SchemaSection.PostData, versioning.Section);
        Assert.All(contracts.Definition.ColumnDefinitions, column => Assert.Null(column.GeneratedAlways));
        var steps = TSql.Statements(versioning.Sql);
        Assert.Equal(4, steps.Count);
        Assert.IsType<AlterTableAddTableElementStatement>(steps[0]);
        Assert.Contains("HISTORY_TABLE = [crm].[ContractsHistory]", versioning.Sql);
    }

    [Fact]
    public void Filtered_included_descending_and_columnstore_indexes_keep_their_shape()
    {
        var open = Assert.IsType<CreateIndexStatement>(Assert.Single(TSql.Statements(Script.Single(statement => statement.Object == "index IX_Orders_Open").Sql)));
        var columnstore = Assert.IsType<CreateColumnStoreIndexStatement>(Assert.Single(TSql.Statements(Script.Single(statement => statement.Object == "index CCI_OrderFacts").Sql)));

        Assert.NotNull(open.FilterPredicate);
        Assert.Equal(SortOrder.Descending, open.Columns[1].SortOrder);
        Assert.Single(open.IncludeColumns);
        Assert.True(columnstore.Clustered);
    }

    [Fact]
    public void Modules_that_reference_each_other_in_a_cycle_are_refused_naming_them()
    {
        var catalog = SampleCrmCatalog.Create() with
        {
            Modules =
            [
                new CatalogModule(new QualifiedName("crm", "A"), "VIEW", "CREATE VIEW crm.A AS SELECT 1 AS x;", [new QualifiedName("crm", "B")]),
                new CatalogModule(new QualifiedName("crm", "B"), "VIEW", "CREATE VIEW crm.B AS SELECT 1 AS x;", [new QualifiedName("crm", "A")]),
            ],
        };

        var error = Assert.Throws<DataRefreshException>(() => SqlServerScripter.Script(catalog));
        Assert.Contains("crm.A → crm.B → crm.A", error.Message);
    }

    [Fact]
    public void The_sample_CRM_script_in_the_repository_parses_and_creates_every_object_its_catalog_fixture_lists()
    {
        var statements = TSql.Statements(File.ReadAllText(RepositoryPaths.Jobs(Path.Combine("sqlserver", "crm.sql"))));
        var catalog = SampleCrmCatalog.Create();

        Assert.Equal(catalog.Tables.Count, statements.OfType<CreateTableStatement>().Count());
        Assert.Equal(catalog.Modules.Count(module => module.Kind == "VIEW"), statements.OfType<CreateViewStatement>().Count());
        Assert.Single(statements.OfType<CreateTriggerStatement>());
        Assert.Single(statements.OfType<CreateProcedureStatement>());
        Assert.Single(statements.OfType<CreateFunctionStatement>());
        Assert.Single(statements.OfType<CreateSynonymStatement>());
        Assert.Single(statements.OfType<CreateSequenceStatement>());
        Assert.Single(statements.OfType<CreateTypeTableStatement>());
        Assert.Equal(catalog.Indexes.Count - 1, statements.OfType<CreateIndexStatement>().Count());
        Assert.Single(statements.OfType<CreateColumnStoreIndexStatement>());
    }

    private static string SourceDirectory() => Path.Combine(RepositoryPaths.Root, "tests", "DataRefresh.Providers.SqlServer.Tests");
}
