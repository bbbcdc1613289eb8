using System.Collections.Concurrent;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Providers.SqlServer.Target;

namespace DataRefresh.Providers.SqlServer.Tests.Target;

/// <summary>
/// The post-data sessions of a SQL Server side database, over sessions that record what runs when: the statements
/// themselves are proven by the scripter's tests and, against a real server, by the workflow.
/// </summary>
public sealed class PostDataSessionsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_session_runs_every_statement_in_the_scripts_order()
    {
        var groups = new[] { Group(["a"], "a1", "a2"), Group(["b", "a"], "ab"), Group(["c"], "c1") };
        var sessions = new Sessions();

        await PostDataSessions.RunAsync(groups, 1, sessions.OpenAsync, sessions.ExecuteAsync, TestContext.Current.CancellationToken);

        Assert.Equal(["a1", "a2", "ab", "c1"], sessions.Executed);
        Assert.Equal(1, sessions.Opened);
        Assert.Equal(1, sessions.Disposed);
    }

    [Fact]
    public async Task Groups_that_share_a_table_never_run_at_once_and_every_statement_runs_exactly_once()
    {
        var random = new Random(17);
        var tables = Enumerable.Range(0, 6).Select(index => "t" + index).ToArray();
        var groups = Enumerable.Range(0, 60)
            .Select(index => Group([.. tables.OrderBy(_ => random.Next()).Take(random.Next(1, 3))], $"s{index}a", $"s{index}b"))
            .ToList();
        var active = new ConcurrentDictionary<QualifiedName, int>();
        var overlaps = 0;
        var sessions = new Sessions(async (statement, token) =>
        {
            var group = groups.Single(candidate => candidate.Statements.Contains(statement));
            if (statement == group.Statements[0])
            {
                foreach (var table in group.Tables)
                {
                    if (active.AddOrUpdate(table, 1, (_, count) => count + 1) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }
                }
            }

            await Task.Yield();
            if (statement == group.Statements[^1])
            {
                foreach (var table in group.Tables)
                {
                    active.AddOrUpdate(table, 0, (_, count) => count - 1);
                }
            }
        });

        await PostDataSessions.RunAsync(groups, 4, sessions.OpenAsync, sessions.ExecuteAsync, TestContext.Current.CancellationToken);

        Assert.Equal(0, overlaps);
        Assert.Equal(groups.SelectMany(group => group.Statements).Select(statement => statement.Object).Order(), sessions.Executed.Order());
        Assert.Equal(sessions.Opened, sessions.Disposed);
        Assert.InRange(sessions.Opened, 1, 4);
    }

    [Fact]
    public async Task Groups_on_different_tables_run_beside_each_other()
    {
        // Each statement waits until both have started: run one after the other, they would never finish.
        var started = new CountdownEvent(2);
        var sessions = new Sessions(async (_, token) =>
        {
            started.Signal();
            await Task.Run(() => Assert.True(started.Wait(Patience, token), "the second group did not start while the first ran"), token);
        });

        await PostDataSessions.RunAsync([Group(["orders"], "fk1"), Group(["contracts"], "fk2")], 2, sessions.OpenAsync, sessions.ExecuteAsync, TestContext.Current.CancellationToken);

        Assert.Equal(2, sessions.Opened);
    }

    [Fact]
    public async Task The_first_failure_cancels_the_others_is_the_one_reported_and_leaves_waiting_groups_unstarted()
    {
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowCancelled = false;
        var sessions = new Sessions(async (statement, token) =>
        {
            switch (statement.Object)
            {
                case "slow":
                    slowStarted.SetResult();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, token);
                    }
                    catch (OperationCanceledException)
                    {
                        slowCancelled = true;
                        throw;
                    }

                    break;
                case "failing":
                    await slowStarted.Task.WaitAsync(Patience, token);
                    throw new InvalidOperationException("creating foreign key FK_x failed");
            }
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PostDataSessions.RunAsync(
            [Group(["a"], "slow"), Group(["b"], "failing"), Group(["a", "b"], "never")], 2, sessions.OpenAsync, sessions.ExecuteAsync, TestContext.Current.CancellationToken));

        Assert.Equal("creating foreign key FK_x failed", failure.Message);
        Assert.True(slowCancelled);
        Assert.DoesNotContain("never", sessions.Executed);
        Assert.Equal(sessions.Opened, sessions.Disposed);
    }

    [Fact]
    public async Task A_cancelled_run_reports_the_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var sessions = new Sessions(async (_, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PostDataSessions.RunAsync([Group(["a"], "a1"), Group(["b"], "b1")], 2, sessions.OpenAsync, sessions.ExecuteAsync, cancel.Token));
        Assert.Equal(sessions.Opened, sessions.Disposed);
    }

    private static PostDataGroup Group(string[] tables, params string[] statements) =>
        new(tables.Select(table => new QualifiedName("dbo", table)).ToHashSet(), [.. statements.Select(name => new ScriptedStatement(SchemaSection.PostData, null, name, $"-- {name}"))]);

    /// <summary>Sessions that count their opening and disposal and record each statement they run.</summary>
    private sealed class Sessions(Func<ScriptedStatement, CancellationToken, Task>? behaviour = null)
    {
        private readonly ConcurrentQueue<string> executed = new();
        private int opened;
        private int disposed;

        public IReadOnlyList<string> Executed => [.. executed];

        public int Opened => opened;

        public int Disposed => disposed;

        public Task<Session> OpenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref opened);
            return Task.FromResult(new Session(() => Interlocked.Increment(ref disposed)));
        }

        public async Task ExecuteAsync(Session session, ScriptedStatement statement, CancellationToken cancellationToken)
        {
            executed.Enqueue(statement.Object);
            await (behaviour?.Invoke(statement, cancellationToken) ?? Task.CompletedTask);
        }
    }

    private sealed class Session(Action disposed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposed();
            return ValueTask.CompletedTask;
        }
    }
}
