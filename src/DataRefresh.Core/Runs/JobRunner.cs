using DataRefresh.Core.Approvals;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Snapshots;
using Serilog;

namespace DataRefresh.Core.Runs;

/// <summary>
/// Runs one job the way every host does (<c>datarefresh run</c>, the scheduler, later a web page): loads it unless the
/// request carries it, keeps its audit record and history row whatever the outcome (see <see cref="RunRecorder"/>), and
/// cancels it like Ctrl+C does when it outlives the job's <c>timeout</c>.
/// </summary>
/// <param name="snapshots">Finishes snapshot jobs' files; without it a snapshot job is refused.</param>
public sealed class JobRunner(RunRecorder recorder, DataRefreshSettings settings, ProviderRegistry providers, ILogger logger, TimeProvider time, ISnapshotPublisher? snapshots = null)
{
    /// <summary>Failures are thrown, already recorded, as the registry explains them or as thrown.</summary>
    public async Task<RefreshResult> RunAsync(RunRequest request, IRunDisplay display, CancellationToken cancellationToken = default)
    {
        await recorder.EnsureWritableAsync(cancellationToken);
        var started = time.GetUtcNow();
        var progress = new RefreshProgress();
        progress.Journal.RunId = request.RunId ?? RunIds.New(started);
        RefreshContext? context = null;
        IReadOnlyList<AuditFile> ruleFiles = [];
        var jobFile = request.Job?.File ?? request.JobFile;
        RunFacts Facts(int exitCode, string? error) => new(jobFile, context, ruleFiles, progress, started, time.GetUtcNow(), exitCode, error);

        // Recorded without the run's token: a cancelled run's records must still be written.
        async Task FailAsync(DataRefreshException explained, bool timedOut, CancellationToken recordToken) =>
            await recorder.RecordFailureAsync(Facts(explained.ExitCode, explained.Message), RunOutcomes.FromExitCode(explained.ExitCode, timedOut), recordToken);

        JobDefinition job;
        try
        {
            job = request.Job ?? JobFileLoader.Load(request.JobFile);
        }
        catch (Exception exception)
        {
            // The job file did not load: the history still lists the attempt, under the file's name.
            var explained = providers.Explain(exception);
            await recorder.RecordStartAsync(
                new RunStart(progress.Journal.RunId, Path.GetFileNameWithoutExtension(jobFile), request.Origin.Trigger, request.Origin.Node, started, request.Origin.ScheduledFor, null),
                cancellationToken);
            await FailAsync(explained, timedOut: false, CancellationToken.None);
            throw;
        }

        await recorder.RecordStartAsync(
            new RunStart(progress.Journal.RunId, job.Name, request.Origin.Trigger, request.Origin.Node, started, request.Origin.ScheduledFor, job.Target),
            cancellationToken);
        // The job's time limit runs on the injected clock, so hosts and tests with their own clock see the same timeout.
        using var timeLimit = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeLimit.Token);
        RefreshResult result;
        SnapshotPlace? place = null;
        try
        {
            var snapshotId = request.SnapshotId ?? progress.Journal.RunId;
            context = RefreshContext.Create(job, settings, providers, snapshotId);
            if (job.Snapshot is not null)
            {
                _ = snapshots ?? throw new DataRefreshException(ExitCodes.Usage, $"{job.Snapshot.At}: job '{job.Name}' is a snapshot job, which this host cannot write; run it with 'datarefresh run' or a serve node.");
                var folder = SnapshotPlace.For(settings.SnapshotsFolder, job.Name, snapshotId);
                if (Directory.Exists(folder.Folder))
                {
                    // Not ours to remove on the way out: the place is only taken once this run created it.
                    throw new DataRefreshException(ExitCodes.Usage, $"snapshot {folder.Folder} already exists; a snapshot is written once, under a new id.");
                }

                folder.Create();
                place = folder;
            }

            // Hashed when the run starts, right after the rules were read: the audit names the versions that ran.
            ruleFiles = context.Job.RuleFiles.Select(AuditFile.Hash).ToList();
            await ApprovalCheck.EnsureApprovedAsync(job, ruleFiles, recorder.History, timeout.Token);
            var maskingKey = settings.RequireMaskingKey();
            if (job.Timeout is { } limit)
            {
                timeLimit.CancelAfter(limit);
            }

            await using (display.ShowProgress(progress))
            await using (RunProgressWriter.Start(recorder.History, progress.Journal.RunId, progress, time, logger))
            {
                result = await new RefreshRunner(logger, time).RunAsync(context, maskingKey, progress, timeout.Token);
            }

            if (place is not null)
            {
                var manifest = await snapshots!.PublishAsync(
                    new SnapshotPublication(place, job.Snapshot!, context, result.RunId, result.Tables, ruleFiles, maskingKey.Fingerprint, started, request.RequestedFor), timeout.Token);
                result = result with { Snapshot = manifest, SnapshotFolder = place.Folder };
                progress.Journal.Snapshot = new AuditSnapshot(place.Folder, manifest.Kind, manifest.RequestedFor, manifest.ExpiresAt);
                logger.Information("Snapshot {Folder} written ({Kind}); it expires at {Expires:u}", place.Folder, manifest.Kind, manifest.ExpiresAt);
            }
        }
        catch (Exception) when (place is not null && RemovePartialSnapshot(place))
        {
            throw;
        }
        catch (Exception exception) when (timeLimit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var explained = new DataRefreshException(
                ExitCodes.Cancelled,
                $"the run took longer than the job's timeout ({DurationText.Format(job.Timeout!.Value)}) and was cancelled; the target was not changed.",
                exception);
            await FailAsync(explained, timedOut: true, CancellationToken.None);
            throw explained;
        }
        catch (Exception exception)
        {
            await FailAsync(providers.Explain(exception), timedOut: false, CancellationToken.None);
            throw;
        }

        display.ShowSummary(result, context);
        await recorder.RecordSuccessAsync(Facts(ExitCodes.Success, null), context.Target.Name, CancellationToken.None);
        return result;
    }

    /// <summary>A snapshot that did not finish is removed: everything in its folder was written by this run. Never catches.</summary>
    private bool RemovePartialSnapshot(SnapshotPlace place)
    {
        try
        {
            Directory.Delete(place.Folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.Warning("Could not remove the unfinished snapshot {Folder}: {Reason}", place.Folder, exception.GetType().Name);
        }

        return false;
    }
}
