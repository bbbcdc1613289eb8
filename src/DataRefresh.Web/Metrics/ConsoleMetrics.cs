using System.Security.Cryptography;
using System.Text;
using DataRefresh.Core.History;
using DataRefresh.Core.Snapshots;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace DataRefresh.Web.Metrics;

/// <summary>
/// <c>/metrics</c> in Prometheus' text format (prometheus-net), read from the history store at each scrape, so every
/// node of a cluster exposes the same figures and a console restart loses nothing. Labels are job, outcome and node names;
/// no value, no error text. The alert every DBA sets up:
/// <c>time() - datarefresh_last_success_timestamp_seconds &gt; 26 * 3600</c>.
/// </summary>
internal sealed class ConsoleMetrics : IDisposable
{
    private readonly CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly SemaphoreSlim collecting = new(1, 1);
    private readonly ConsoleContext context;
    private readonly Gauge runs;
    private readonly Gauge verificationFailures;
    private readonly Gauge lastSuccess;
    private readonly Gauge lastDuration;
    private readonly Gauge lastRows;
    private readonly Gauge lastBytes;
    private readonly Gauge runningRows;
    private readonly Gauge queued;
    private readonly Gauge snapshotRequests;
    private readonly Gauge nodeLastSeen;
    private readonly Gauge driftProblems;

    public ConsoleMetrics(ConsoleContext context)
    {
        this.context = context;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        runs = factory.CreateGauge("datarefresh_runs", "Runs in the history store, by job and outcome (a purge lowers it; use increase() over a window shorter than the retention).", "job", "outcome");
        verificationFailures = factory.CreateGauge("datarefresh_verification_failures", "Runs in the history store that stopped because verification of the copy failed (exit 11), by job.", "job");
        lastSuccess = factory.CreateGauge("datarefresh_last_success_timestamp_seconds", "When each job's last successful run ended (Unix time).", "job");
        lastDuration = factory.CreateGauge("datarefresh_last_run_duration_seconds", "How long each job's newest finished run took.", "job");
        lastRows = factory.CreateGauge("datarefresh_last_run_rows", "Rows each job's newest finished run copied.", "job");
        lastBytes = factory.CreateGauge(
            "datarefresh_last_run_bytes", "Bytes each job's newest finished run copied (binary COPY bytes between PostgreSQL servers, an estimate for other engines).", "job");
        runningRows = factory.CreateGauge("datarefresh_running_rows_copied", "Rows each running run has copied so far, as it last reported (every few seconds).", "job");
        queued = factory.CreateGauge("datarefresh_requests_queued", "Requests no serve node has taken yet, by kind (run: a trigger; snapshot: a developer's snapshot request).", "kind");
        snapshotRequests = factory.CreateGauge(
            "datarefresh_snapshot_requests", "Snapshot requests of the last 14 days by state (queued, starting, building, ready, expired, failed, gone), as the Snapshots page follows them.", "state");
        driftProblems = factory.CreateGauge(
            "datarefresh_drift_problems",
            "What the latest check of each scheduled job's rules ahead of its firing found would stop the run (0: nothing); alert on > 0.",
            "job");
        nodeLastSeen = factory.CreateGauge("datarefresh_node_last_seen_timestamp_seconds", "When each scheduler node last reported itself alive (Unix time).", "node");
        registry.AddBeforeCollectCallback(CollectAsync);
    }

    /// <summary>Maps <c>/metrics</c> when the settings allow it: on the metrics addresses, or anywhere with the bearer token.</summary>
    public static void Map(WebApplication app, ConsoleSettings settings)
    {
        if (!settings.ServesMetrics)
        {
            return;
        }

        var metricsPorts = settings.MetricsUrls.Select(url => new Uri(url).Port).ToHashSet();
        // The metrics addresses serve nothing else: a scrape network must not reach the console's pages.
        app.Use((http, next) =>
        {
            if (metricsPorts.Contains(http.Connection.LocalPort) && http.Request.Path != "/metrics")
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next();
        });
        app.MapGet("/metrics", async (HttpContext http, ConsoleMetrics metrics) =>
        {
            if (!metricsPorts.Contains(http.Connection.LocalPort) && !HasToken(http, settings.MetricsToken))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }

            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        }).AllowAnonymous();
    }

    public void Dispose() => collecting.Dispose();

    private static bool HasToken(HttpContext http, string? token)
    {
        if (token is null || http.Request.Headers.Authorization.ToString() is not { } header || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token));
    }

    private async Task CollectAsync(CancellationToken cancellationToken)
    {
        await collecting.WaitAsync(cancellationToken);
        try
        {
            var summaries = await context.Store.SummarizeRunsAsync(cancellationToken);
            var latest = await context.Store.LatestRunPerJobAsync(cancellationToken);
            var pending = await context.Store.ReadPendingTriggerRequestsAsync(cancellationToken);
            var nodes = await context.Store.ReadNodesAsync(cancellationToken);
            var drift = await context.Store.ReadDriftChecksAsync(cancellationToken);
            foreach (var gauge in new[] { runs, verificationFailures, lastSuccess, lastDuration, lastRows, lastBytes, runningRows, queued, nodeLastSeen, driftProblems })
            {
                // Jobs renamed or purged away leave no stale series behind.
                foreach (var labels in gauge.GetAllLabelValues().ToList())
                {
                    gauge.RemoveLabelled(labels);
                }
            }

            foreach (var group in summaries.GroupBy(summary => (summary.Job, summary.Outcome)))
            {
                runs.WithLabels(group.Key.Job, group.Key.Outcome.ToText()).Set(group.Sum(summary => summary.Runs));
            }

            foreach (var job in summaries.GroupBy(summary => summary.Job))
            {
                verificationFailures.WithLabels(job.Key).Set(job.Where(summary => summary.ExitCode == Core.Errors.ExitCodes.VerificationFailed).Sum(summary => summary.Runs));
                if (job.Where(summary => summary.Outcome == RunOutcome.Succeeded).Max(summary => summary.LastEndedAt) is { } success)
                {
                    lastSuccess.WithLabels(job.Key).Set(success.ToUnixTimeMilliseconds() / 1000.0);
                }
            }

            foreach (var run in latest.Values.Where(run => run.EndedAt is not null))
            {
                lastDuration.WithLabels(run.Job).Set((run.EndedAt!.Value - run.StartedAt).TotalSeconds);
                lastRows.WithLabels(run.Job).Set(run.TotalRows);
                if (run.BytesCopied is { } bytes)
                {
                    lastBytes.WithLabels(run.Job).Set(bytes);
                }
            }

            foreach (var run in latest.Values.Where(run => run.Progress is not null))
            {
                runningRows.WithLabels(run.Job).Set(run.Progress!.RowsCopied);
            }

            queued.WithLabels("run").Set(pending.Count(request => SnapshotRequests.ForWhom(request.RequestedBy) is null));
            queued.WithLabels("snapshot").Set(pending.Count(request => SnapshotRequests.ForWhom(request.RequestedBy) is not null));
            var snapshots = await SnapshotsView.FollowAllAsync(context, cancellationToken);
            foreach (var state in Enum.GetValues<SnapshotRequestState>())
            {
                snapshotRequests.WithLabels(state.ToString().ToLowerInvariant()).Set(snapshots.Count(request => request.State == state));
            }

            foreach (var check in drift)
            {
                driftProblems.WithLabels(check.Job).Set(check.Problems.Count);
            }

            foreach (var node in nodes)
            {
                nodeLastSeen.WithLabels(node.Node).Set(node.LastSeen.ToUnixTimeMilliseconds() / 1000.0);
            }
        }
        finally
        {
            collecting.Release();
        }
    }
}
