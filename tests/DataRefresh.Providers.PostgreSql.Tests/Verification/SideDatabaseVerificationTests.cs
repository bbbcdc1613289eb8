using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using DataRefresh.Core.Verification.Leakage;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Target;
using DataRefresh.Testing;

namespace DataRefresh.Providers.PostgreSql.Tests.Verification;

/// <summary>
/// Verification of a loaded side database on a real server: a faithful copy passes; a row lost after the copy, or a key
/// missing, fails with the table and check named. The table is copied in parallel slices, so the leakage evidence of
/// several workers is merged too.
/// </summary>
public sealed class SideDatabaseVerificationTests(PostgreSqlServerFixture server) : IClassFixture<PostgreSqlServerFixture>
{
    private const int Rows = 20_000;
    private static readonly SourceLocation Here = new("rules.yaml", 1, 1);

    [Fact]
    public async Task A_faithful_copy_passes_and_a_lost_row_or_a_missing_key_fails()
    {
        server.RequireServer();
        var cancel = TestContext.Current.CancellationToken;
        var sourceName = await server.CreateDatabaseAsync("verify_src", $"""
            CREATE TABLE teams (id int PRIMARY KEY, name text NOT NULL UNIQUE);
            CREATE TABLE people (id bigint PRIMARY KEY, email text NOT NULL, team_id int REFERENCES teams (id), filler text NOT NULL);
            CREATE UNIQUE INDEX people_email_idx ON people (email);
            INSERT INTO teams SELECT n, 'team ' || n FROM generate_series(1, 20) n;
            INSERT INTO people SELECT n, 'person' || n || '@example.com', 1 + n % 20, repeat('x', 200) FROM generate_series(1, {Rows}) n;
            """, cancel);
        var targetName = server.UniqueName("verify_dst");
        var source = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(sourceName), "source").AsReadOnlySource();
        var target = PostgreSqlConnectionInfo.Parse(server.ConnectionStringFor(targetName), "target");

        await using var snapshot = await PostgreSqlSourceSnapshot.OpenAsync(source, cancellationToken: cancel);
        snapshot.MinimumSlicePages = 100;
        var rules = new RuleSet(["rules.yaml"], [new TableRule(new QualifiedName("public", "people"), Here, [ColumnRule.Of("email", MaskStrategy.Hash)])], UnlistedPolicy.Keep);
        var plan = RefreshPlanner.Plan(snapshot.Schema, rules);
        var key = MaskingKey.FromSecret("verify-test-key-0123456789");
        var leakage = new LeakageRecorder(key, capacity: 4096);

        await using var load = await PostgreSqlTargetLoad.CreateAsync(target, "verifytest", Serilog.Core.Logger.None, cancel);
        var options = new TableReadOptions(BatchSize: 1000, new MaskingSession(key) { Leakage = leakage }, load.ResolveTypeIdAsync);
        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(cancel), SchemaSection.PreData, new SchemaApplyOptions(KeepOwnership: false, Parallelism: 2), cancel);
        var results = new List<TableResult>();
        foreach (var table in plan.Tables)
        {
            var slices = await snapshot.SliceAsync(table, maxSlices: 3, cancel);
            var rows = await Task.WhenAll(slices.Select(slice => TableStream.CopyAsync(snapshot, load, table, slice, options, new Progress<CopiedBatch>(), cancel)));
            results.Add(new TableResult(table.Table.Name, rows.Sum(), table.IsRaw ? TableMode.Raw : TableMode.Masked, TimeSpan.Zero));
        }

        Assert.Equal(3, (await snapshot.SliceAsync(plan.Tables.Single(table => table.Table.Name.Name == "people"), 3, cancel)).Count);
        await load.ApplySchemaAsync(await snapshot.ExportSchemaAsync(cancel), SchemaSection.PostData, new SchemaApplyOptions(KeepOwnership: false, Parallelism: 2), cancel);
        var verifier = new RefreshVerifier(Serilog.Core.Logger.None, VerificationSettings.Default);

        var report = await verifier.VerifyAsync(snapshot, load, results, leakage, new UndecodableValues(), cancellationToken: cancel);

        Assert.True(report.Passed);
        Assert.Contains(report.Checks, check => check is { Table: "public.people", Check: RefreshVerifier.RowCount, Outcome: CheckOutcome.Passed });
        Assert.Contains(report.Checks, check => check is { Table: "public.people", Check: "foreign keys", Outcome: CheckOutcome.Passed });
        Assert.Contains(report.Checks, check => check is { Table: "public.people", Check: "unique", Detail: "2 keys as in the source, all hold" });
        Assert.Contains(report.Checks, check => check is { Table: "public.teams", Check: "unique", Detail: "2 keys as in the source, all hold" });

        // The three slices' evidence adds up to the whole column: every row counted once, estimates close to the truth.
        var email = Assert.Single(leakage.Columns());
        Assert.Equal(Rows, email.NonNullRows);
        Assert.Equal(0, email.UnchangedRows);
        Assert.InRange(email.Sample.EstimatedOriginalDistinct, Rows * 0.9, Rows * 1.1);
        Assert.Equal(0, email.Sample.EstimatedSharedDistinct);

        var side = server.ConnectionStringFor(load.DatabaseName);
        await PostgreSqlServerFixture.ExecuteAsync(side, "DELETE FROM people WHERE id = 42; DROP INDEX people_email_idx", cancel);

        var failed = await Assert.ThrowsAsync<VerificationFailedException>(() => verifier.VerifyAsync(snapshot, load, results, leakage, new UndecodableValues(), cancellationToken: cancel));

        Assert.Equal(ExitCodes.VerificationFailed, failed.ExitCode);
        Assert.StartsWith("verification failed for public.people: row count (19,999 rows in the side database, 20,000 read from the snapshot) (1 more failed checks are in the log)", failed.Message, StringComparison.Ordinal);
        Assert.Contains(failed.Report.Failures, check => check is { Table: "public.people", Check: "unique", Detail: "unique index people_email_idx is missing in the side database" });
        Assert.DoesNotContain("@example.com", string.Join("\n", failed.Report.Checks), StringComparison.Ordinal);
    }
}
