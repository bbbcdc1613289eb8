using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Errors;
using DataRefresh.Providers.SqlServer.Schema;
using DataRefresh.Providers.SqlServer.Source;
using DataRefresh.Providers.SqlServer.Target;
using DataRefresh.Testing;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Tests.RealServer;

/// <summary>
/// The parts of the SQL Server provider built so far, against a real server (see <see cref="SqlServerInstance"/>: skipped
/// with a visible reason where there is none). What these prove here offline, they prove there on the engine itself.
/// </summary>
public sealed class RealServerTests(SqlServerInstance server) : IClassFixture<SqlServerInstance>
{
    [Fact]
    public async Task The_sample_CRM_script_runs_and_its_catalog_reads_back_as_the_fixture_the_scripter_is_tested_with()
    {
        var ct = TestContext.Current.CancellationToken;
        var crm = await server.CreateDatabaseAsync("dr_test_crm", ct);
        await using var connection = new SqlConnection(crm);
        await connection.OpenAsync(ct);

        foreach (var batch in SqlServerInstance.Batches(File.ReadAllText(RepositoryPaths.Jobs(Path.Combine("sqlserver", "crm.sql")))))
        {
            await using var command = new SqlCommand(batch, connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        var read = await Schema.Catalog.SqlServerCatalogReader.ReadAsync(connection, null, ct);
        static IEnumerable<string> Statements(Schema.Catalog.SqlServerCatalog catalog) =>
            Schema.Catalog.SqlServerScripter.Script(catalog).Select(statement => $"{statement.Object}\n{statement.Sql}").Order(StringComparer.Ordinal);
        Assert.Equal(Statements(SchemaModel.SampleCrmCatalog.Create()), Statements(read.Catalog));
        Assert.Empty(read.NotScripted);

        // What keepOwnership copies: the sample's role, its user without a login, the membership, both permissions and the table the role owns.
        var security = await Schema.Security.SecurityReader.ReadAsync(connection, null, ct);
        Assert.Equal([new("crm_readers", "R"), new("crm_reporting", "S", null, "crm")], security.Principals);
        Assert.Equal([new("crm_readers", "crm_reporting")], security.Memberships);
        Assert.Equal(
            [new("OBJECT_OR_COLUMN", "D", "SELECT", "crm_readers", new QualifiedName("crm", "Customers"), "Email"), new("SCHEMA", "G", "SELECT", "crm_readers", Schema: "crm")],
            security.Permissions);
        Assert.Equal([new(new QualifiedName("crm", "OrderFacts"), "crm_readers")], security.ObjectOwners);
    }

    [Fact]
    public async Task Batches_stream_through_SqlBulkCopy_by_name_past_a_rowversion_with_every_value_as_written()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await server.CreateDatabaseAsync("dr_test_bulk", ct);
        await using var connection = new SqlConnection(database);
        await connection.OpenAsync(ct);
        await using (var create = new SqlCommand(
            "CREATE TABLE dbo.t (id int IDENTITY(5, 1) NOT NULL, version rowversion, name nvarchar(max) NULL, photo varbinary(max) NULL, born date NULL, seen datetimeoffset(7) NULL, amount decimal(38, 4) NULL);",
            connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        ColumnInfo[] columns =
        [
            SqlServerTypes.Column("id", "int", 4, 10, 0, true, false),
            SqlServerTypes.Column("name", "nvarchar", -1, 0, 0, false, false),
            SqlServerTypes.Column("photo", "varbinary", -1, 0, 0, false, false),
            SqlServerTypes.Column("born", "date", 3, 10, 0, false, false),
            SqlServerTypes.Column("seen", "datetimeoffset", 10, 34, 7, false, false),
            SqlServerTypes.Column("amount", "decimal", 17, 38, 4, false, false),
        ];
        var seen = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(-7));
        using var reader = new BatchDataReader(columns);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(ct);
        using var bulkCopy = SqlServerBulkCopy.Create(connection, transaction, new QualifiedName("dbo", "t"), columns, 1000);
        var copy = bulkCopy.WriteToServerAsync(reader, ct);
        await reader.OfferAsync(new DecodedRowBatch([[1L, "Zoë", new byte[] { 1, 2, 3 }, new DateOnly(1990, 5, 1), seen, 12345678901234567890.1234m], [42L, null, null, null, null, null]]), ct);
        reader.CompleteAdding();
        await copy;
        await transaction.CommitAsync(ct);

        await using var read = new SqlCommand("SELECT id, name, photo, born, seen, amount FROM dbo.t ORDER BY id;", connection);
        await using var rows = await read.ExecuteReaderAsync(ct);
        Assert.True(await rows.ReadAsync(ct));
        Assert.Equal(1, rows.GetInt32(0));
        Assert.Equal("Zoë", rows.GetString(1));
        Assert.Equal([1, 2, 3], (byte[])rows.GetValue(2));
        Assert.Equal(new DateTime(1990, 5, 1), rows.GetDateTime(3));
        Assert.Equal(seen, rows.GetDateTimeOffset(4));
        Assert.Equal(seen.Offset, rows.GetDateTimeOffset(4).Offset);
        Assert.Equal(12345678901234567890.1234m, rows.GetDecimal(5));
        Assert.True(await rows.ReadAsync(ct));
        Assert.Equal(42, rows.GetInt32(0));
        Assert.True(rows.IsDBNull(1));
        Assert.False(await rows.ReadAsync(ct));
    }

    [Fact]
    public async Task A_journaled_cut_over_renames_the_side_database_in_and_a_duplicate_key_is_explained_without_its_value()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = await server.CreateDatabaseAsync("dr_test_staging", ct);
        await server.CreateDatabaseAsync("dr_test_staging__dr_r1", ct);
        await using (var old = new SqlConnection(target))
        {
            await old.OpenAsync(ct);
            await using var mark = new SqlCommand("CREATE TABLE dbo.marker (copy nvarchar(10) PRIMARY KEY); INSERT INTO dbo.marker VALUES (N'old');", old);
            await mark.ExecuteNonQueryAsync(ct);
            await using var duplicate = new SqlCommand("INSERT INTO dbo.marker VALUES (N'old');", old);
            var error = await Assert.ThrowsAsync<SqlException>(() => duplicate.ExecuteNonQueryAsync(ct));
            var explained = SqlServerErrors.Explain(error)!;
            Assert.Contains("duplicate key in dbo.marker", explained.Message);
            Assert.DoesNotContain("(old)", explained.Message);
        }

        await using var master = new SqlConnection(server.Require());
        await master.OpenAsync(ct);
        await new SqlServerCutOver(new SqlServerCutOverServer(master)).RunAsync(CutOverJournalEntry.Begin("dr_test_staging", "dr_test_staging__dr_r1", keepPrevious: true, "r1"), ct);

        await using var names = new SqlCommand("SELECT name, user_access_desc FROM sys.databases WHERE name LIKE N'dr[_]test[_]staging%' ORDER BY name;", master);
        await using var rows = await names.ExecuteReaderAsync(ct);
        var databases = new List<(string, string)>();
        while (await rows.ReadAsync(ct))
        {
            databases.Add((rows.GetString(0), rows.GetString(1)));
        }

        Assert.Equal([("dr_test_staging", "MULTI_USER"), ("dr_test_staging__previous", "MULTI_USER")], databases);
    }

    [Fact]
    public async Task A_second_run_does_not_get_the_target_lock_while_the_first_session_holds_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = new SqlConnection(server.Require());
        await using var second = new SqlConnection(server.Require());
        await first.OpenAsync(ct);
        await second.OpenAsync(ct);

        Assert.Equal(0, await TryLockAsync(first, ct));
        Assert.Equal(-1, await TryLockAsync(second, ct));
        await first.CloseAsync();
        SqlConnection.ClearPool(first);
        Assert.Equal(0, await TryLockAsync(second, ct));
    }

    [Fact]
    public async Task Cleanup_finds_and_drops_a_database_snapshot_a_killed_run_left_and_leaves_a_live_run_s_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = new Core.Configuration.EnvironmentSettings("prod", Core.Configuration.ProviderKind.SqlServer, await server.CreateDatabaseAsync("dr_test_snapsrc", ct), true);
        var provider = new SqlServerProvider(TimeProvider.System);
        await using var master = new SqlConnection(server.Require());
        await master.OpenAsync(ct);
        await using (var files = new SqlCommand(SourceSql.DataFiles("dr_test_snapsrc"), master))
        {
            await using var reader = await files.ExecuteReaderAsync(ct);
            var dataFiles = new List<(string, string)>();
            while (await reader.ReadAsync(ct))
            {
                dataFiles.Add((reader.GetString(0), reader.GetString(1)));
            }

            await reader.CloseAsync();
            foreach (var run in new[] { "dead", "live" })
            {
                var name = SourceSql.SnapshotPrefix("dr_test_snapsrc") + run;
                await using var create = new SqlCommand(SourceSql.CreateDatabaseSnapshot(name, "dr_test_snapsrc", [.. dataFiles.Select(file => (file.Item1, $"{file.Item2}.{name}.ss"))]), master);
                await create.ExecuteNonQueryAsync(ct);
            }
        }

        // The live run's session holds the lock named after its snapshot.
        await using var live = new SqlConnection(server.Require());
        await live.OpenAsync(ct);
        Assert.True(await TargetLockSql.TryTakeAsync(live, SourceSql.SnapshotLockResource(SourceSql.SnapshotPrefix("dr_test_snapsrc") + "live"), ct));

        Assert.Equal(["dr_test_snapsrc__dr_snapshot_dead"], await provider.FindSourceLeftoversAsync(source, ct));
        Assert.True(await provider.DropSourceLeftoverAsync(source, "dr_test_snapsrc__dr_snapshot_dead", ct));
        Assert.False(await provider.DropSourceLeftoverAsync(source, "dr_test_snapsrc__dr_snapshot_live", ct));
        Assert.Empty(await provider.FindSourceLeftoversAsync(source, ct));

        await using var drop = new SqlCommand(SourceSql.DropDatabaseSnapshot("dr_test_snapsrc__dr_snapshot_live"), master);
        await drop.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> TryLockAsync(SqlConnection connection, CancellationToken ct)
    {
        await using var command = new SqlCommand(TargetLockSql.TryLock, connection);
        command.Parameters.AddWithValue("@resource", TargetLockSql.Resource("dr_test_locked"));
        return (int)(await command.ExecuteScalarAsync(ct));
    }
}
