using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Target;
using DataRefresh.Testing;

namespace DataRefresh.Providers.PostgreSql.Tests.Copy;

/// <summary>
/// The decoded form (for targets of another engine) fails closed: a column with no value form is named before any row
/// moves, and an undecodable value in a column copied as it is stops the copy naming the column, never the value.
/// </summary>
public sealed class DecodedCopyTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>
{
    [Fact]
    public async Task What_cannot_travel_as_values_is_named_and_never_copied()
    {
        server.RequireServer();
        var cancel = TestContext.Current.CancellationToken;
        var sourceName = await server.CreateDatabaseAsync("decoded_src", """
            CREATE TABLE hosts (id int PRIMARY KEY, address inet);
            INSERT INTO hosts VALUES (1, '192.0.2.1');
            CREATE TABLE amounts (id int PRIMARY KEY, amount numeric);
            INSERT INTO amounts VALUES (1, 1.5), (2, 'NaN');
            """, cancel);
        var source = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(sourceName), "source").AsReadOnlySource();
        var target = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(server.UniqueName("decoded_dst").ToLowerInvariant()), "target");
        await using var snapshot = await PostgreSqlSourceSnapshot.OpenAsync(source, cancellationToken: cancel);
        var plan = RefreshPlanner.Plan(snapshot.Schema, new RuleSet(["rules.yaml"], [], UnlistedPolicy.Keep));
        await using var load = await PostgreSqlTargetLoad.CreateAsync(target, "decodedtest", Serilog.Core.Logger.None, cancel);
        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(cancel), SchemaSection.PreData, new SchemaApplyOptions(false, 1), cancel);
        var options = new TableReadOptions(10, new MaskingSession(MaskingKey.FromSecret("decoded-test-key-0123456789")), load.ResolveTypeIdAsync, Decoded: true);

        var opaque = await Assert.ThrowsAsync<DataRefreshException>(() =>
            snapshot.OpenTableReaderAsync(plan.Tables.Single(table => table.Table.Name.Name == "hosts"), TableSlice.Whole, options, cancel));
        var undecodable = await Assert.ThrowsAsync<DataRefreshException>(() =>
            TableStream.CopyAsync(snapshot, load, plan.Tables.Single(table => table.Table.Name.Name == "amounts"), TableSlice.Whole, options, new Progress<CopiedBatch>(), cancel));

        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, opaque.ExitCode);
        Assert.Contains("address (inet)", opaque.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.1", opaque.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.RefreshFailed, undecodable.ExitCode);
        Assert.Contains("public.amounts.amount holds a value another engine cannot take", undecodable.Message, StringComparison.Ordinal);
        Assert.Equal(0L, (await load.CountRowsAsync([plan.Tables.Single(table => table.Table.Name.Name == "amounts").Table.Name], cancel)).Values.Single());
    }
}
