using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The SQL Server history store without a server: every statement and migration its dialect has is T-SQL that parses
/// (ScriptDom, as SQL Server 2022 reads it), and its connection string never reaches a message.
/// </summary>
public sealed class SqlServerHistoryDialectTests
{
    private const string Password = "hist-Secret-7c1e";

    [Fact]
    public void Every_statement_and_migration_of_the_dialect_parses_as_T_SQL()
    {
        var dialect = new SqlServerHistoryDialect($"Server=db1,1433;Database=history;User ID=u;Password={Password}");

        // Every string the dialect answers with is a statement, except where the store is and the column list statements share:
        // new statements are covered as they are added.
        var statements = typeof(HistoryDialect).GetProperties()
            .Where(property => property.PropertyType == typeof(string) && property.Name is not (nameof(HistoryDialect.Location) or nameof(HistoryDialect.RunColumns)))
            .Select(property => (property.Name, Sql: (string?)property.GetValue(dialect)))
            .Where(statement => statement.Sql is not null)
            .Select(statement => (statement.Name, Sql: statement.Sql!))
            .Concat(dialect.Migrations.Select((migration, index) => ($"migration {index + 1}", migration)))
            .ToList();

        Assert.True(statements.Count >= 17, $"only {statements.Count} statements found");
        foreach (var (name, sql) in statements)
        {
            Assert.True(TSql.Statements(sql).Count > 0, $"{name} has no statement");
        }
    }

    [Fact]
    public void The_store_is_named_by_server_and_database_never_by_its_password()
    {
        var store = HistoryStores.Open(new AuditSettings("audit.jsonl", "history.db", $"Server=tcp:db1,1433;Database=history;User ID=u;Password={Password}", ProviderKind.SqlServer));

        Assert.IsType<SqlServerHistoryStore>(store);
        Assert.Equal("SQL Server tcp:db1,1433/history, schema datarefresh", store.Location);
    }

    [Fact]
    public void A_connection_string_that_does_not_read_is_exit_3_without_echoing_it()
    {
        var error = Assert.Throws<DataRefreshException>(() => new SqlServerHistoryStore($"Hots=db1;Password={Password}"));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("DataRefresh:History:ConnectionString is not a valid SQL Server connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }
}
