using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Tests.Target;

/// <summary>
/// Post-data table by table from the pg_dump archive: a table's own indexes, keys and triggers as soon as it is called,
/// a foreign key once both its tables are in, and the final pass building only what is left.
/// </summary>
public sealed class TablePostDataTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>, IDisposable
{
    private const string Shop = """
        CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE);
        CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id), total numeric);
        ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
        CREATE INDEX orders_customer_idx ON orders (customer_id);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE TABLE notes (id int PRIMARY KEY, order_id int REFERENCES orders (id));
        INSERT INTO customers SELECT n, 'c' || n || '@example.com' FROM generate_series(1, 50) n;
        INSERT INTO orders SELECT n, 1 + n % 50, n FROM generate_series(1, 200) n;
        INSERT INTO notes SELECT n, n FROM generate_series(1, 20) n;
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_table_s_own_objects_come_first_a_foreign_key_once_both_tables_are_in_and_the_final_pass_adds_the_rest()
    {
        server.RequireServer();
        var source = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(await server.CreateDatabaseAsync("tpd_src", Shop, Token)), "source").AsReadOnlySource();
        var target = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(server.UniqueName("tpd_dst").ToLowerInvariant()), "target");
        await using var snapshot = await PostgreSqlSourceSnapshot.OpenAsync(source, cancellationToken: Token);
        var plan = RefreshPlanner.Plan(snapshot.Schema, new RuleSet(["rules.yaml"], [], UnlistedPolicy.Keep));
        var schema = await snapshot.ExportSchemaAsync(Token);
        var options = new SchemaApplyOptions(false, 2);
        await using var load = await PostgreSql.Target.PostgreSqlTargetLoad.CreateAsync(target, "tablepostdata", Serilog.Core.Logger.None, Token);
        await load.ApplySchemaAsync(schema, SchemaSection.PreData, options, Token);
        var read = new TableReadOptions(100, new MaskingSession(MaskingKey.FromSecret("table-post-data-key-0123456789")), load.ResolveTypeIdAsync);
        foreach (var table in plan.Tables)
        {
            await TableStream.CopyAsync(snapshot, load, table, TableSlice.Whole, read, new Progress<CopiedBatch>(), Token);
        }

        await load.ApplyTableSchemaAsync(schema, Name("orders"), options, Token);
        Assert.Equal(["orders_customer_idx", "orders_pkey", "orders_total_check", "orders_touch"], await ObjectsAsync(load.DatabaseName));

        await load.ApplyTableSchemaAsync(schema, Name("customers"), options, Token);
        Assert.Equal(
            ["customers_email_key", "customers_pkey", "orders_customer_id_fkey", "orders_customer_idx", "orders_pkey", "orders_total_check", "orders_touch"],
            await ObjectsAsync(load.DatabaseName));

        // notes never had a pass of its own (a small table): the final pass builds its key and its foreign key, and nothing twice.
        await load.ApplySchemaAsync(schema, SchemaSection.PostData, options, Token);
        Assert.Contains("notes_order_id_fkey", await ObjectsAsync(load.DatabaseName));
        Assert.Contains("notes_pkey", await ObjectsAsync(load.DatabaseName));
        Assert.All(await load.VerifyKeysAsync(await snapshot.ReadKeysAsync(Token), Token), check => Assert.Equal(CheckOutcome.Passed, check.Outcome));
    }

    [Fact]
    public async Task A_foreign_key_is_checked_by_its_indexes_only_when_its_columns_lead_an_index_and_both_tables_were_loaded_frozen()
    {
        server.RequireServer();
        var source = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(await server.CreateDatabaseAsync("tpd_fk", Shop + """
            CREATE TABLE visits (id int PRIMARY KEY, customer_id int REFERENCES customers (id));
            CREATE INDEX visits_recent_idx ON visits (customer_id) WHERE id > 100;
            """, Token)), "source").AsReadOnlySource();
        await using var snapshot = await PostgreSqlSourceSnapshot.OpenAsync(source, cancellationToken: Token);
        var toc = ((PostgreSql.Ddl.SchemaArchive)(await snapshot.ExportSchemaAsync(Token)).NativeArchive!).Toc;
        var ordersKey = Assert.Single(toc.ForeignKeysAmong(new HashSet<QualifiedName> { Name("customers"), Name("orders") }));
        var notesKey = Assert.Single(toc.ForeignKeysAmong(new HashSet<QualifiedName> { Name("orders"), Name("notes") }));
        var visitsKey = Assert.Single(toc.ForeignKeysAmong(new HashSet<QualifiedName> { Name("customers"), Name("visits") }));
        var allFrozen = new HashSet<QualifiedName> { Name("customers"), Name("orders"), Name("notes"), Name("visits") };

        Assert.True(toc.IsCheckedByIndexes(ordersKey, allFrozen));
        Assert.False(toc.IsCheckedByIndexes(ordersKey, new HashSet<QualifiedName> { Name("customers") }));
        Assert.False(toc.IsCheckedByIndexes(notesKey, allFrozen));
        Assert.False(toc.IsCheckedByIndexes(visitsKey, allFrozen));
    }

    public void Dispose() => NpgsqlConnection.ClearAllPools();

    private static QualifiedName Name(string table) => new("public", table);

    private async Task<List<string>> ObjectsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlServerFixture.Unpooled(server.ConnectionStringFor(database)));
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
            UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
            ORDER BY 1
            """, connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
