using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Tests.Connections;

/// <summary>Sources are read-only at the server, whatever our own code does: sessions and pg_dump alike.</summary>
public sealed class ReadOnlySourceTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>
{
    [Fact]
    public async Task A_source_session_refuses_writes_even_outside_the_snapshot_transaction()
    {
        server.RequireServer();
        var cancel = TestContext.Current.CancellationToken;
        var database = await server.CreateDatabaseAsync("readonly", "CREATE TABLE t (id int); INSERT INTO t VALUES (1);", cancel);
        var source = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(database), "prod").AsReadOnlySource();

        await using var connection = await PostgreSqlConnections.OpenAsync(source, "source", cancel);
        foreach (var write in new[] { "INSERT INTO t VALUES (2)", "DELETE FROM t", "CREATE TABLE u (id int)" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => PostgreSqlConnections.ExecuteAsync(connection, write, cancel));
            Assert.Equal("25006", refused.SqlState); // read_only_sql_transaction
        }

        Assert.Equal(1L, await PostgreSqlServerFixture.ScalarAsync<long>(server.ConnectionStringFor(database), "SELECT count(*) FROM t", cancel));
    }

    [Fact]
    public void Pg_dump_gets_the_read_only_setting_and_never_the_password_on_its_command_line()
    {
        var source = PostgreSqlConnectionInfo.Parse("Host=db1;Database=crm;Username=reader;Password=pw-2b7e", "prod").AsReadOnlySource();

        var environment = source.LibpqEnvironment();

        Assert.Contains(PostgreSqlConnectionInfo.ReadOnlyOption, environment["PGOPTIONS"], StringComparison.Ordinal);
        Assert.Equal("pw-2b7e", environment["PGPASSWORD"]);
        Assert.DoesNotContain("pw-2b7e", source.Describe(), StringComparison.Ordinal);
    }
}
