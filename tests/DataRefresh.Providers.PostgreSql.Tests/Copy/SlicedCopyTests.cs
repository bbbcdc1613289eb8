using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Copy;
using DataRefresh.Providers.PostgreSql.Target;
using DataRefresh.Testing;

namespace DataRefresh.Providers.PostgreSql.Tests.Copy;

/// <summary>One table cut into page-range slices, copied by parallel readers and writers, must arrive whole and masked.</summary>
public sealed class SlicedCopyTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>
{
    private const int Rows = 30_000;
    private static readonly SourceLocation Here = new("rules.yaml", 1, 1);

    [Fact]
    public async Task A_table_copied_in_slices_arrives_with_every_row_once_and_masked()
    {
        server.RequireServer();
        var cancel = TestContext.Current.CancellationToken;
        var sourceName = await server.CreateDatabaseAsync("slice_src", $"""
            CREATE TABLE big (id bigint PRIMARY KEY, email text NOT NULL, filler text NOT NULL);
            INSERT INTO big SELECT n, 'person' || n || '@example.com', repeat('x', 200) FROM generate_series(1, {Rows}) n;
            -- Holes and moved rows: slices must still cover every live row exactly once.
            DELETE FROM big WHERE id % 7 = 0;
            UPDATE big SET filler = repeat('y', 210) WHERE id % 11 = 0;
            """, cancel);
        var targetName = await server.CreateDatabaseAsync("slice_dst", cancellationToken: cancel);
        var source = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(sourceName), "source").AsReadOnlySource();
        var target = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(targetName), "target");

        await using var snapshot = await PostgreSqlSourceSnapshot.OpenAsync(source, cancellationToken: cancel);
        snapshot.MinimumSlicePages = 100;
        var rules = new RuleSet(["rules.yaml"], [new TableRule(new QualifiedName("public", "big"), Here, [ColumnRule.Of("email", MaskStrategy.Hash)])], UnlistedPolicy.Keep);
        var table = Assert.Single(RefreshPlanner.Plan(snapshot.Schema, rules).Tables);

        var slices = await snapshot.SliceAsync(table, maxSlices: 4, cancel);
        Assert.Equal(4, slices.Count);
        Assert.Null(slices[^1].End);

        // Each slice reads only its own pages.
        var plan = await PostgreSqlServerFixture.ScalarAsync<string>(server.ConnectionStringFor(sourceName), "EXPLAIN " + RowFilterSql.Select(table, slices[1]), cancel);
        Assert.Contains("Tid Range Scan", plan, StringComparison.Ordinal);

        await using var load = await PostgreSqlTargetLoad.CreateAsync(target, "slicetest", Serilog.Core.Logger.None, cancel);
        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(cancel), SchemaSection.PreData, new SchemaApplyOptions(KeepOwnership: false, Parallelism: 2), cancel);
        var options = new TableReadOptions(BatchSize: 1000, new MaskingSession(MaskingKey.FromSecret("slice-test-key-0123456789")), load.ResolveTypeIdAsync);
        var copied = await Task.WhenAll(slices.Select(slice => TableStream.CopyAsync(snapshot, load, table, slice, options, new Progress<CopiedBatch>(), cancel)));

        const string ids = "SELECT md5(string_agg(id::text, ',' ORDER BY id)) FROM big";
        var side = server.ConnectionStringFor(load.DatabaseName);
        var expected = await PostgreSqlServerFixture.ScalarAsync<long>(server.ConnectionStringFor(sourceName), "SELECT count(*) FROM big", cancel);
        Assert.Equal(expected, copied.Sum());
        Assert.All(copied, rows => Assert.True(rows > 0, "every slice must carry rows"));
        Assert.Equal(expected, await PostgreSqlServerFixture.ScalarAsync<long>(side, "SELECT count(DISTINCT id) FROM big", cancel));
        Assert.Equal(await PostgreSqlServerFixture.ScalarAsync<string>(server.ConnectionStringFor(sourceName), ids, cancel), await PostgreSqlServerFixture.ScalarAsync<string>(side, ids, cancel));
        Assert.Equal(0L, await PostgreSqlServerFixture.ScalarAsync<long>(side, "SELECT count(*) FROM big WHERE email !~ '^[0-9a-f]{32}$'", cancel));
    }
}
