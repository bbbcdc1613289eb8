using DataRefresh.Core.Errors;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Large objects (pg_largeobject) need a decision like any column: with none, the run stops before data moves; copy,
/// empty and exclude do what they say, verification counts them, and the audit records the decision.
/// </summary>
public sealed class LargeObjectsEndToEndTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, 20)
{
    // Two documents, one of them larger than a lo_get chunk (1 MB), referenced by an oid column.
    private const string Documents = """
        CREATE TABLE documents (id int PRIMARY KEY, scan oid);
        INSERT INTO documents VALUES
            (1, lo_from_bytea(0, convert_to('passport of Jane Roe', 'UTF8'))),
            (2, lo_from_bytea(0, decode(repeat('0123456789abcdef', 140000), 'hex')));
        """;

    [Fact]
    public async Task Large_objects_no_rule_decides_stop_the_run_before_data_moves()
    {
        await UseSourceAsync("documents", Documents);

        var (exitCode, _, error) = await Cli.RunAsync(["run", WriteRulesJob("version: 1\ntables:\n  public.documents:\n    columns:\n      id: { mask: keep, reason: key }\n      scan: { mask: keep, reason: reference }\n")]);

        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains("the source holds 2 large objects", error, StringComparison.Ordinal);
        Assert.Contains("largeObjects: { action: copy | empty | exclude", error, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    [Theory]
    [InlineData("copy", 2L, "passport of Jane Roe")]
    [InlineData("empty", 2L, "")]
    [InlineData("exclude", 0L, null)]
    public async Task Copy_empty_and_exclude_do_what_they_say_and_are_verified_and_audited(string action, long expected, string? firstDocument)
    {
        var source = await UseSourceAsync("documents", Documents);
        var reason = action == "copy" ? ", reason: \"test documents\"" : "";
        var job = WriteRulesJob($"version: 1\nunlisted: keep\nlargeObjects: {{ action: {action}{reason}, classification: pii }}\ntables: {{}}\n");

        var (plan, planOutput, planError) = await Cli.RunAsync(["plan", job]);
        Assert.True(plan == 0, planError);
        Assert.Contains($"2 large objects: {action}", planOutput, StringComparison.Ordinal);

        var (exitCode, output, error) = await Cli.RunAsync(["run", job]);

        Assert.True(exitCode == 0, error);
        Assert.Contains($"(database): large objects passed ({expected} in the side database, 2 in the source ({action}))", output, StringComparison.Ordinal);
        Assert.Equal(expected, await ScalarAsync<long>(Staging, "SELECT count(*) FROM pg_largeobject_metadata"));
        if (firstDocument is not null)
        {
            Assert.Equal(firstDocument, await ScalarAsync<string>(Staging, "SELECT convert_from(lo_get(scan), 'UTF8') FROM documents WHERE id = 1"));
        }

        if (action == "copy")
        {
            Assert.Equal(
                await ScalarAsync<string>(source, "SELECT md5(lo_get(scan)) FROM documents WHERE id = 2"),
                await ScalarAsync<string>(Staging, "SELECT md5(lo_get(scan)) FROM documents WHERE id = 2"));
        }

        var record = (await File.ReadAllLinesAsync(Cli.AuditFile, Token))[^1];
        Assert.Contains($"\"largeObjects\":{{\"count\":2,\"action\":\"{action}\"", record, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Roe", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copying_large_objects_needs_a_reason_and_two_files_cannot_both_decide()
    {
        await UseSourceAsync("documents", Documents);
        var noReason = WriteRulesJob("version: 1\nunlisted: keep\nlargeObjects: { action: copy }\ntables: {}\n");
        var first = Cli.WriteFile("lo-a.yaml", "version: 1\nlargeObjects: { action: empty }\n");
        var second = Cli.WriteFile("lo-b.yaml", "version: 1\nunlisted: keep\nlargeObjects: { action: exclude }\n");
        var twice = Cli.WriteFile("twice.yaml", $"source: prod\ntarget: staging\nrules: [ {first}, {second} ]\n");

        var (reasonExit, _, reasonError) = await Cli.RunAsync(["run", noReason]);
        var (twiceExit, _, twiceError) = await Cli.RunAsync(["run", twice]);

        Assert.Equal(ExitCodes.InvalidJobOrRules, reasonExit);
        Assert.Contains(":3:", reasonError, StringComparison.Ordinal);
        Assert.Contains("needs a 'reason'", reasonError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidJobOrRules, twiceExit);
        Assert.Contains($"large objects are already decided at {first}:2:", twiceError, StringComparison.Ordinal);
    }
}
