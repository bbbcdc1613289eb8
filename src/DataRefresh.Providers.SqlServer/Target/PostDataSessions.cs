using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;

namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// Statements that run in order on one session and alter <paramref name="Tables"/>: one table's keys and indexes, or one
/// foreign key (its table and the table it references).
/// </summary>
internal sealed record PostDataGroup(IReadOnlySet<QualifiedName> Tables, IReadOnlyList<ScriptedStatement> Statements);

/// <summary>
/// Runs post-data groups on up to a number of sessions at once, never two groups that alter a common table: an index
/// build and a foreign key's check take schema locks on their tables, so two of them on one table would only wait for
/// each other, and two foreign keys that reference each other's tables in opposite directions could deadlock. Groups
/// start in their given order as their tables come free, so one session runs exactly the script's order. The first
/// failure cancels the groups still running and is the one reported.
/// </summary>
internal static class PostDataSessions
{
    /// <param name="open">Opens a session of the side database; a session is opened only once it has work.</param>
    /// <param name="execute">Runs one statement on a session.</param>
    public static async Task RunAsync<TSession>(
        IReadOnlyList<PostDataGroup> groups,
        int sessions,
        Func<CancellationToken, Task<TSession>> open,
        Func<TSession, ScriptedStatement, CancellationToken, Task> execute,
        CancellationToken cancellationToken)
        where TSession : IAsyncDisposable
    {
        if (groups.Count == 0)
        {
            return;
        }

        var pending = new List<PostDataGroup>(groups);
        var busy = new HashSet<QualifiedName>();
        var sync = new Lock();
        var freed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WorkAsync()
        {
            TSession? session = default;
            try
            {
                while (true)
                {
                    PostDataGroup? next;
                    Task tableFreed;
                    lock (sync)
                    {
                        if (pending.Count == 0 || failure is not null)
                        {
                            return;
                        }

                        next = pending.FirstOrDefault(group => !group.Tables.Overlaps(busy));
                        if (next is not null)
                        {
                            pending.Remove(next);
                            busy.UnionWith(next.Tables);
                        }

                        tableFreed = freed.Task;
                    }

                    if (next is null)
                    {
                        await tableFreed.WaitAsync(stop.Token);
                        continue;
                    }

                    try
                    {
                        session ??= await open(stop.Token);
                        foreach (var statement in next.Statements)
                        {
                            await execute(session, statement, stop.Token);
                        }
                    }
                    catch (Exception error) when (error is not OperationCanceledException || cancellationToken.IsCancellationRequested || !stop.IsCancellationRequested)
                    {
                        // Recorded before the group's tables come free, so no other group starts after a failure.
                        lock (sync)
                        {
                            failure ??= error;
                        }

                        await stop.CancelAsync();
                    }
                    finally
                    {
                        lock (sync)
                        {
                            busy.ExceptWith(next.Tables);
                            var waiting = freed;
                            freed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                            waiting.SetResult();
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped by a failure elsewhere, or by the caller: the failure recorded is the one reported.
            }
            finally
            {
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Clamp(sessions, 1, groups.Count)).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));
        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
