using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Ddl;
using DataRefresh.Testing;

namespace DataRefresh.Providers.PostgreSql.Tests.Ddl;

/// <summary>A run's schema dump starts with its snapshot, serves the schema export, and leaves no files behind either way.</summary>
public sealed class BackgroundSchemaDumpTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>
{
    private const string Shop = """
        CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE);
        CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id));
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_runs_snapshot_dumps_the_schema_from_the_start_and_deletes_the_archive_when_closed()
    {
        var snapshot = await OpenAsync(exportSnapshot: true);
        var folder = snapshot.SchemaFolder;

        Assert.NotNull(folder);
        Assert.True(Directory.Exists(folder));
        var archive = Assert.IsType<SchemaArchive>((await snapshot.ExportSchemaAsync(Token)).NativeArchive);
        var customers = archive.Toc.EntriesOf(new QualifiedName("public", "customers"));
        Assert.Equal(2, customers.Count);
        string[] kept = [.. archive.Toc.ListOnly(customers).Split('\n').Where(line => line.Length > 0 && !line.StartsWith(';'))];
        Assert.Equal(2, kept.Length);
        Assert.All(kept, line => Assert.Matches("customers_(pkey|email_key)", line));

        await snapshot.DisposeAsync();
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_run_that_fails_before_it_needs_the_schema_stops_the_dump_and_leaves_no_files()
    {
        var snapshot = await OpenAsync(exportSnapshot: true);
        var folder = snapshot.SchemaFolder;

        await snapshot.DisposeAsync();

        Assert.NotNull(folder);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_catalog_read_starts_no_dump_and_cannot_export_the_schema()
    {
        await using var snapshot = await OpenAsync(exportSnapshot: false);

        Assert.Null(snapshot.SchemaFolder);
        await Assert.ThrowsAsync<InvalidOperationException>(() => snapshot.ExportSchemaAsync(Token));
    }

    private async Task<PostgreSqlSourceSnapshot> OpenAsync(bool exportSnapshot)
    {
        server.RequireServer();
        var database = await server.CreateDatabaseAsync("dump_src", Shop, Token);
        var source = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(database), "source").AsReadOnlySource();
        return await PostgreSqlSourceSnapshot.OpenAsync(source, exportSnapshot, Token);
    }
}
