using System.Security.Claims;
using DataRefresh.Core.Accounts;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Snapshots;
using DataRefresh.Web.Hosting;

namespace DataRefresh.Web.Views;

/// <summary>Where a snapshot request is: waiting for a node, taken, being built, and then how it ended.</summary>
public enum SnapshotRequestState
{
    Queued,
    Starting,
    Building,
    Ready,
    Expired,
    Failed,

    /// <summary>Its run succeeded but the snapshot is not in the snapshots folder this console reads (removed, or not shared).</summary>
    Gone,
}

/// <summary>One snapshot request followed from the queue into its run and the snapshot it wrote.</summary>
public sealed record SnapshotRequestRow(
    long Id, string Job, string For, DateTimeOffset RequestedAt, SnapshotRequestState State, string Detail, RunHistoryEntry? Run, SnapshotCatalog.Entry? Snapshot)
{
    public string StateText => State.ToString().ToLowerInvariant();
}

/// <summary>
/// The Snapshots page and <c>/api/snapshots</c>: the snapshot jobs one may request, the requests of the last
/// <see cref="Window"/> followed into their runs and snapshots, and the snapshots in the shared snapshots folder. A
/// developer sees what was asked for them; a DBA sees everything.
/// </summary>
public sealed record SnapshotsView(
    IReadOnlyList<string> Jobs, IReadOnlyList<SnapshotRequestRow> Requests, IReadOnlyList<SnapshotCatalog.Entry> Snapshots, bool SeesAll, DateTimeOffset Now)
{
    /// <summary>How far back requests are followed; snapshots on disk are listed whatever their age.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);

    /// <summary>What <paramref name="user"/> may see, and the jobs they may request.</summary>
    public static async Task<SnapshotsView> LoadAsync(ConsoleContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var snapshots = SnapshotCatalog.List(context.Settings.SnapshotsFolder);
        var requests = await FollowAsync(context, snapshots, now, cancellationToken);
        var seesAll = user.IsInRole(ConsoleRoles.Dba);
        var name = user.Identity?.Name;
        return new SnapshotsView(
            RequestableJobs(context),
            [.. requests.Where(request => seesAll || request.For == name)],
            [.. snapshots.Where(entry => seesAll || entry.Manifest.RequestedFor == name)],
            seesAll,
            now);
    }

    /// <summary>Every request of the window followed, whoever it is for (what the metrics count; no job file is read).</summary>
    public static Task<IReadOnlyList<SnapshotRequestRow>> FollowAllAsync(ConsoleContext context, CancellationToken cancellationToken) =>
        FollowAsync(context, SnapshotCatalog.List(context.Settings.SnapshotsFolder), context.Time.GetUtcNow(), cancellationToken);

    private static async Task<IReadOnlyList<SnapshotRequestRow>> FollowAsync(
        ConsoleContext context, IReadOnlyList<SnapshotCatalog.Entry> snapshots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - Window;
        var byRun = snapshots.GroupBy(entry => entry.Manifest.RunId, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

        // Newest first: a request whose run was retried is followed into its last attempt.
        var runs = await context.Store.ReadRunsAsync(new RunQuery(Since: since, Limit: 1000), cancellationToken);
        var runOfRequest = new Dictionary<long, RunHistoryEntry>();
        foreach (var run in runs)
        {
            if (TriggerRequest.IdIn(run.Trigger) is { } id)
            {
                runOfRequest.TryAdd(id, run);
            }
        }

        var requests = new List<SnapshotRequestRow>();
        foreach (var request in (await context.Store.ReadTriggerRequestsAsync(since, cancellationToken)).Reverse())
        {
            if (SnapshotRequests.ForWhom(request.RequestedBy) is not { } forWhom)
            {
                continue;
            }

            var run = runOfRequest.GetValueOrDefault(request.Id);
            var snapshot = run is null ? null : byRun.GetValueOrDefault(run.RunId);
            var (state, detail) = Follow(request, run, snapshot, context.Settings.SnapshotsFolder, now);
            requests.Add(new SnapshotRequestRow(request.Id, request.Job, forWhom, request.RequestedAt, state, detail, run, snapshot));
        }

        return requests;
    }

    /// <summary>The valid jobs of the folder that write a snapshot file: what the console lets people request.</summary>
    public static IReadOnlyList<string> RequestableJobs(ConsoleContext context) =>
        [.. JobFolderCheck.Check(context.JobsFolder, context.Settings, context.Providers, context.Time)
            .Where(result => result.IsValid && result.Job?.Snapshot is not null)
            .Select(result => result.Job!.Name)
            .Order(StringComparer.Ordinal)];

    public bool IsExpired(SnapshotCatalog.Entry entry) => entry.Manifest.HasExpired(Now);

    /// <summary>The size on disk of the files a snapshot's manifest lists (what a download sends, but for a zip's headers).</summary>
    public static long Bytes(SnapshotCatalog.Entry entry) =>
        entry.Manifest.Files.Sum(file => new FileInfo(Path.Combine(entry.Folder, Path.GetFileName(file.Path))) is { Exists: true } info ? info.Length : 0);

    private static (SnapshotRequestState, string) Follow(TriggerRequest request, RunHistoryEntry? run, SnapshotCatalog.Entry? snapshot, string folder, DateTimeOffset now)
    {
        if (run is null)
        {
            return request.ClaimedBy is null
                ? (SnapshotRequestState.Queued, "waiting for a serve node to take it")
                : (SnapshotRequestState.Starting, $"taken by node {request.ClaimedBy} at {Utc(request.ClaimedAt!.Value)}; its run has not started yet");
        }

        return run.Outcome switch
        {
            RunOutcome.Running => (SnapshotRequestState.Building, $"run {run.RunId} on node {run.Node} since {Utc(run.StartedAt)}"),
            RunOutcome.Succeeded when snapshot is null =>
                (SnapshotRequestState.Gone, $"run {run.RunId} wrote it, but it is no longer in {folder} (expired and removed, or this console does not share the nodes' snapshots folder)"),
            RunOutcome.Succeeded when snapshot.Manifest.HasExpired(now) => (SnapshotRequestState.Expired, $"expired at {Utc(snapshot.Manifest.ExpiresAt)}"),
            RunOutcome.Succeeded => (SnapshotRequestState.Ready, $"{snapshot.Manifest.Kind}, {snapshot.Manifest.Tables.Sum(table => table.Rows):N0} rows; until {Utc(snapshot.Manifest.ExpiresAt)}"),
            _ => (SnapshotRequestState.Failed, $"run {run.RunId} {run.Outcome.ToText()}{(run.ExitCode is { } code ? $" (exit {code})" : "")}{(run.Error is { } error ? ": " + error : "")}"),
        };
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
