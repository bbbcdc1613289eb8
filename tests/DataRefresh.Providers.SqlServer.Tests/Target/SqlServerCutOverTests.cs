using DataRefresh.Providers.SqlServer.Target;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Providers.SqlServer.Tests.Target;

public sealed class SqlServerCutOverTests
{
    private const string Target = "staging";
    private const string Side = "staging__dr_run1";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_uninterrupted_cut_over_puts_the_new_copy_under_the_target_name_open_to_everyone(bool keepPrevious)
    {
        var ct = TestContext.Current.CancellationToken;
        var server = Server(withPrevious: true);

        await new SqlServerCutOver(server).RunAsync(CutOverJournalEntry.Begin(Target, Side, keepPrevious, "run1"), ct);

        Assert.Equal(new KillableServer.Database("new", SingleUser: false), server.Databases[Target]);
        Assert.False(server.Databases.ContainsKey(Side));
        Assert.Empty(server.Journal);

        // keepPrevious replaces an older previous copy with the old target; without it the old target is dropped and an
        // older previous copy (of an earlier run that kept one) is left alone.
        Assert.Equal(keepPrevious ? "old" : "older", server.Databases["staging__previous"].Content);
        Assert.Equal([Target, "staging__previous", "unrelated"], server.Databases.Keys.Order().ToArray());
    }

    [Fact]
    public async Task The_first_cut_over_of_a_target_that_does_not_exist_yet_renames_the_side_database_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = new KillableServer();
        server.Add(Side, "new");

        await new SqlServerCutOver(server).RunAsync(CutOverJournalEntry.Begin(Target, Side, keepPrevious: false, "run1"), ct);

        Assert.Equal(["staging"], server.Databases.Keys);
        Assert.Empty(server.Journal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_kill_between_any_two_operations_is_repaired_by_the_next_run_and_the_target_name_never_ends_on_nothing(bool keepPrevious)
    {
        var ct = TestContext.Current.CancellationToken;
        var uninterrupted = Server(withPrevious: true);
        await new SqlServerCutOver(uninterrupted).RunAsync(CutOverJournalEntry.Begin(Target, Side, keepPrevious, "run1"), ct);

        for (var killAfter = 0; killAfter < uninterrupted.Operations; killAfter++)
        {
            var server = Server(withPrevious: true);
            server.KillAfter(killAfter);
            await Assert.ThrowsAsync<KillableServer.KilledException>(() => new SqlServerCutOver(server).RunAsync(CutOverJournalEntry.Begin(Target, Side, keepPrevious, "run1"), ct));

            server.Revive();
            var recovered = await new SqlServerCutOver(server).RecoverAsync(Target, ct);

            var state = $"killed after {killAfter} operations";
            Assert.True(server.Databases.ContainsKey(Target), state);
            Assert.Empty(server.Journal);
            Assert.All(server.Databases.Values, database => Assert.False(database.SingleUser, state));
            if (recovered)
            {
                Assert.Equal("new", server.Databases[Target].Content);
                Assert.False(server.Databases.ContainsKey(Side), state);
                Assert.Equal(keepPrevious ? "old" : "older", server.Databases["staging__previous"].Content);
                Assert.DoesNotContain(server.Databases.Keys, name => name.StartsWith("staging__old_", StringComparison.Ordinal));
            }
            else
            {
                // Killed before the journal's first record: nothing was touched; the side database is a leftover the lock's cleanup drops.
                Assert.Equal(0, killAfter);
                Assert.Equal("old", server.Databases[Target].Content);
                Assert.True(server.Databases.ContainsKey(Side), state);
            }
        }
    }

    [Fact]
    public async Task A_kill_during_recovery_is_repaired_by_the_recovery_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = Server(withPrevious: false);
        server.KillAfter(4);
        await Assert.ThrowsAsync<KillableServer.KilledException>(() => new SqlServerCutOver(server).RunAsync(CutOverJournalEntry.Begin(Target, Side, false, "run1"), ct));
        server.Revive();
        server.KillAfter(1);
        await Assert.ThrowsAsync<KillableServer.KilledException>(() => new SqlServerCutOver(server).RecoverAsync(Target, ct));

        server.Revive();
        Assert.True(await new SqlServerCutOver(server).RecoverAsync(Target, ct));

        Assert.Equal(new KillableServer.Database("new", false), server.Databases[Target]);
        Assert.False(await new SqlServerCutOver(server).RecoverAsync(Target, ct));
    }

    [Fact]
    public async Task Rollback_puts_the_previous_copy_back_drops_the_current_one_and_a_second_rollback_finds_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = Server(withPrevious: true);

        Assert.True(await new SqlServerCutOver(server).RollBackAsync(Target, "run2", ct));

        Assert.Equal(new KillableServer.Database("older", SingleUser: false), server.Databases[Target]);
        Assert.Equal([Target, Side, "unrelated"], server.Databases.Keys.Order().ToArray());
        Assert.Empty(server.Journal);
        var operations = server.Operations;
        Assert.False(await new SqlServerCutOver(server).RollBackAsync(Target, "run3", ct));
        Assert.Equal(operations, server.Operations);
    }

    [Fact]
    public async Task A_rollback_killed_between_any_two_operations_is_finished_by_the_next_lock_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        var uninterrupted = Server(withPrevious: true);
        await new SqlServerCutOver(uninterrupted).RollBackAsync(Target, "run2", ct);

        for (var killAfter = 0; killAfter < uninterrupted.Operations; killAfter++)
        {
            var server = Server(withPrevious: true);
            server.KillAfter(killAfter);
            await Assert.ThrowsAsync<KillableServer.KilledException>(() => new SqlServerCutOver(server).RollBackAsync(Target, "run2", ct));

            server.Revive();
            var recovered = await new SqlServerCutOver(server).RecoverAsync(Target, ct);

            var state = $"killed after {killAfter} operations";
            Assert.Empty(server.Journal);
            Assert.All(server.Databases.Values, database => Assert.False(database.SingleUser, state));
            Assert.Equal(recovered ? "older" : "old", server.Databases[Target].Content);
            Assert.Equal(recovered ? [Target, Side, "unrelated"] : [Target, Side, "staging__previous", "unrelated"], server.Databases.Keys.Order().ToArray());
        }
    }

    [Fact]
    public void Every_cut_over_statement_is_T_SQL_and_renames_run_outside_a_transaction()
    {
        string[] scripts =
        [
            CutOverSql.Exists, CutOverSql.CreateJournal, CutOverSql.WriteJournal, CutOverSql.ReadJournal, CutOverSql.DeleteJournal,
            CutOverSql.EndSessions("stag]ing"), CutOverSql.ReopenSessions(Target), CutOverSql.Rename(Target, "staging__previous"), CutOverSql.Drop(Side),
        ];

        foreach (var script in scripts)
        {
            TSql.Parse(script);
        }

        var rename = Assert.Single(TSql.Statements(CutOverSql.Rename("a]b", "c")));
        var modify = Assert.IsType<AlterDatabaseModifyNameStatement>(rename);
        Assert.Equal("a]b", modify.DatabaseName.Value);
        Assert.Equal("c", modify.NewDatabaseName.Value);
        Assert.DoesNotContain(TSql.Statements(CutOverSql.Rename(Target, "x")), statement => statement is BeginTransactionStatement);
        Assert.IsType<AlterDatabaseSetStatement>(Assert.Single(TSql.Statements(CutOverSql.EndSessions("stag]ing"))));
    }

    private static KillableServer Server(bool withPrevious)
    {
        var server = new KillableServer();
        server.Add(Target, "old");
        server.Add(Side, "new");
        server.Add("unrelated", "other");
        if (withPrevious)
        {
            server.Add("staging__previous", "older");
        }

        return server;
    }
}
