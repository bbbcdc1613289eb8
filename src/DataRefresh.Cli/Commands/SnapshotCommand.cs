using System.CommandLine;
using System.Globalization;
using DataRefresh.Cli.Output;
using DataRefresh.Cli.Serving;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Runs;
using DataRefresh.Core.Snapshots;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh snapshot</c>: <c>request</c> queues a snapshot job for serve to build for someone, <c>list</c> shows
/// the queued requests and the snapshots written (where, for whom, until when), <c>restore</c> loads a CSV snapshot into an
/// environment as a run loads its target (production guard, lock, side database, verification, cut-over, records).
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("snapshot", "Masked snapshots for developers: request one from serve, list them, restore a CSV snapshot into a database.");
        command.Subcommands.Add(Request(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Restore(console));
        return command;
    }

    private static Command Request(CliConsole console)
    {
        var job = new Argument<string>("job") { Description = "The snapshot job's name (a job with snapshot:)." };
        var forName = new Option<string>("--for") { Description = "Who the snapshot is for (a person or team), recorded in its manifest and audit.", Required = true };
        var folder = CommonOptions.JobsFolder();
        var command = new Command("request", "Queue a snapshot job for the running scheduler (serve) to build; see it with 'snapshot list'.") { job, forName, folder };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var name = parseResult.GetValue(job)!;
            var who = parseResult.GetValue(forName)!.Trim();
            if (!SnapshotRequests.IsValidName(who))
            {
                throw new DataRefreshException(ExitCodes.Usage, "--for must name who the snapshot is for (up to 100 characters, without ' by ').");
            }

            var definition = TriggerCommand.RequireValidJob(name, parseResult.GetValue(folder)!, services);
            if (definition.Snapshot is null)
            {
                throw new DataRefreshException(ExitCodes.Usage, $"{definition.NameAt}: job '{name}' is not a snapshot job (it has no 'snapshot:'); run it with 'datarefresh trigger {name}', or request a job that writes snapshots.");
            }

            var history = await ServeStores.OpenHistoryAsync(services, cancellationToken);
            var id = await history.RequestTriggerAsync(name, SnapshotRequests.RequestedBy(who, $"{Environment.UserName}@{Environment.MachineName}"), TimeProvider.System.GetUtcNow(), cancellationToken);
            console.Out.WriteLine($"Queued snapshot request {id}: {name} for {who}. A serve node builds it under {services.Settings.SnapshotsFolder}; follow it with: datarefresh snapshot list");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "Show queued snapshot requests and the snapshots written: job, for whom, where, when they expire.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var now = TimeProvider.System.GetUtcNow();
            IReadOnlyList<TriggerRequest> queued = [];
            if (services.HistoryToRead() is { } history)
            {
                queued = [.. (await history.ReadPendingTriggerRequestsAsync(cancellationToken)).Where(request => SnapshotRequests.ForWhom(request.RequestedBy) is not null)];
            }

            var snapshots = SnapshotCatalog.List(services.Settings.SnapshotsFolder);
            var output = console.Out;
            output.WriteLine($"Snapshots in {services.Settings.SnapshotsFolder}:");
            foreach (var request in queued)
            {
                output.WriteLine($"  queued    {request.Job,-24} for {SnapshotRequests.ForWhom(request.RequestedBy),-16} request {request.Id}, asked {Time(request.RequestedAt)}");
            }

            foreach (var (path, manifest) in snapshots)
            {
                var state = manifest.HasExpired(now) ? "expired" : "ready";
                var rows = manifest.Tables.Sum(table => table.Rows).ToString("N0", CultureInfo.InvariantCulture);
                output.WriteLine($"  {state,-9} {manifest.Job,-24} for {manifest.RequestedFor ?? "(run by hand)",-16} {manifest.Kind,-6} {rows,10} rows  expires {Time(manifest.ExpiresAt)}  {path}");
            }

            if (queued.Count == 0 && snapshots.Count == 0)
            {
                output.WriteLine("  none. Request one with: datarefresh snapshot request <job> --for <name>");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Restore(CliConsole console)
    {
        var folder = new Argument<string>("folder") { Description = "A CSV snapshot's folder (the one holding manifest.json)." };
        var to = new Option<string>("--to") { Description = "The environment to load it into (SQLite, PostgreSQL or SQL Server); it is replaced only if every check passes.", Required = true };
        var command = new Command("restore", "Load a CSV snapshot into an environment, with the checks of a run (never into production).") { folder, to };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var path = Path.GetFullPath(parseResult.GetValue(folder)!);
            var manifest = Path.Combine(path, SnapshotPlace.ManifestName);
            var source = new EnvironmentSettings($"snapshot {Path.GetFileName(path)}", ProviderKind.CsvSnapshot, path, Production: false);
            var at = new SourceLocation(manifest, 1, 1);
            var target = parseResult.GetValue(to)!;
            _ = services.Settings.GetEnvironment(target); // an unknown name is refused as --to, not at a place in a file

            // A restore copies data that its snapshot's run masked already: like a then: copy, it has no rules of its own and
            // keeps unlisted columns (the audit names the snapshot's run and rules through its manifest).
            var job = new JobDefinition("snapshot-restore", manifest, source.Name, at, target, new SourceLocation("--to", 1, 1), [], 2, JobDefinition.DefaultBatchSize, KeepOwnership: false)
            {
                NameAt = at,
                Upstream = source.Name,
            };
            var settings = services.Settings.With(source);
            await services.JobRunner(TimeProvider.System, settings).RunAsync(
                new RunRequest(manifest, job, new RunOrigin($"snapshot restore by {Environment.UserName}", Environment.MachineName)), new ConsoleRunDisplay(console, services.Logger), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
