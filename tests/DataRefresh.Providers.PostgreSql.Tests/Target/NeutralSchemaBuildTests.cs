using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Testing;
using DataRefresh.Testing.Conformance;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Tests.Target;

/// <summary>A PostgreSQL target building another engine's schema from the neutral model: the types it picks, and what it refuses before rows move.</summary>
public sealed class NeutralSchemaBuildTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>, IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly PostgreSqlProvider provider = new(Serilog.Core.Logger.None);

    [Fact]
    public async Task Columns_keep_their_kind_width_precision_and_length()
    {
        var floating = new ColumnInfo("ratio", "real", "real", ColumnCategory.Numeric, null, NotNull: false, IsGenerated: false, FloatingPoint: true);
        var other = OtherEngineSource.Create(ProviderKind.PostgreSql, "public", ConformancePerson.Sample(2), floating);
        await using var snapshot = await other.Provider.OpenSnapshotAsync(other.Environment, Token);
        await using var load = await provider.CreateTargetLoadAsync(NewTarget(), RunIds.New(TimeProvider.System.GetUtcNow()), Token);

        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(Token), SchemaSection.PreData, new SchemaApplyOptions(false, 1), Token);

        Assert.Equal(
            ["id bigint NOT NULL", "name text NOT NULL", "email character varying(200)", "born date", "balance numeric(12,2)",
             "seen timestamp without time zone", "seen_at timestamp with time zone", "token uuid", "photo bytea", "doc jsonb", "ratio double precision"],
            await ColumnsAsync(load.DatabaseName));
    }

    [Fact]
    public async Task A_column_of_no_known_kind_is_refused_before_rows_move_and_the_side_database_goes()
    {
        var unknown = new ColumnInfo("shape", "GEOMETRY", "geometry", ColumnCategory.Other, null, NotNull: false, IsGenerated: false);
        var other = OtherEngineSource.Create(ProviderKind.PostgreSql, "public", ConformancePerson.Sample(2), unknown);
        await using var snapshot = await other.Provider.OpenSnapshotAsync(other.Environment, Token);
        var target = NewTarget();
        var schema = await snapshot.ExportSchemaAsync(Token);
        string side;

        await using (var load = await provider.CreateTargetLoadAsync(target, RunIds.New(TimeProvider.System.GetUtcNow()), Token))
        {
            side = load.DatabaseName;
            var refused = await Assert.ThrowsAsync<DataRefreshException>(() =>
                load.ApplySchemaAsync(schema, SchemaSection.PreData, new SchemaApplyOptions(false, 1), Token));

            Assert.Equal(ExitCodes.Configuration, refused.ExitCode);
            Assert.Contains("public.people.shape", refused.Message, StringComparison.Ordinal);
            Assert.Contains("GEOMETRY", refused.Message, StringComparison.Ordinal);
            Assert.Empty(await ColumnsAsync(side));
        }

        Assert.False(await server.DatabaseExistsAsync(side, Token));
    }

    [Fact]
    public async Task A_computed_column_is_refused_by_name()
    {
        var computed = new ColumnInfo("total", "INTEGER GENERATED ALWAYS AS (a + b)", "integer", ColumnCategory.Integer, null, NotNull: false, IsGenerated: true, Precision: 64);
        var other = OtherEngineSource.Create(ProviderKind.PostgreSql, "public", [], computed);
        await using var snapshot = await other.Provider.OpenSnapshotAsync(other.Environment, Token);
        await using var load = await provider.CreateTargetLoadAsync(NewTarget(), RunIds.New(TimeProvider.System.GetUtcNow()), Token);
        var schema = await snapshot.ExportSchemaAsync(Token);

        var refused = await Assert.ThrowsAsync<DataRefreshException>(() => load.ApplySchemaAsync(schema, SchemaSection.PreData, new SchemaApplyOptions(false, 1), Token));

        Assert.Equal(ExitCodes.Configuration, refused.ExitCode);
        Assert.Contains("public.people.total is computed", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => NpgsqlConnection.ClearAllPools();

    private EnvironmentSettings NewTarget()
    {
        server.RequireServer();
        return new EnvironmentSettings("staging", ProviderKind.PostgreSql, server.ConnectionStringFor(server.UniqueName("neutral").ToLowerInvariant()), Production: false);
    }

    private async Task<IReadOnlyList<string>> ColumnsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlServerFixture.Unpooled(server.ConnectionStringFor(database)));
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END " +
            "FROM pg_attribute a WHERE a.attrelid = to_regclass('public.people') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", connection);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
