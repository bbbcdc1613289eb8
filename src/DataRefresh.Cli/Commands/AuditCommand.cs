using System.CommandLine;
using System.Globalization;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;

namespace DataRefresh.Cli.Commands;

/// <summary><c>datarefresh audit</c>: the audit records of past runs from the history store, oldest first, newest last.</summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var since = new Option<string?>("--since") { Description = "Only runs started at or after this date or time (UTC unless it says otherwise), e.g. 2026-11-01 or 2026-11-23T08:00+01:00." };
        var job = new Option<string?>("--job") { Description = "Only runs of the job with this name." };
        var format = new Option<string>("--format") { Description = "text (one block per run) or json (the stored JSON lines).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("audit", "Print the audit records of past runs (who, what, rules with hashes, rows, verification, outcome).") { since, job, format };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var query = new AuditQuery(ParseSince(parseResult.GetValue(since)), parseResult.GetValue(job));
            using var services = CommandServices.Create(parseResult, console);
            if (services.HistoryToRead() is not { } store)
            {
                console.Error.WriteLine($"No audit records yet: the history store {services.Audit.HistoryFile} does not exist (runs create it; see {AuditSettings.HistoryFileSetting}).");
                return ExitCodes.Success;
            }

            var records = await store.ReadAuditRecordsAsync(query, cancellationToken);
            if (parseResult.GetValue(format) == "json")
            {
                foreach (var json in records)
                {
                    await console.Out.WriteLineAsync(json);
                }
            }
            else
            {
                foreach (var json in records)
                {
                    AuditPrinter.Print(AuditJson.Deserialize(json), console.Out);
                }

                console.Error.WriteLine($"{records.Count} run{(records.Count == 1 ? "" : "s")} in {store.Location}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : throw new DataRefreshException(ExitCodes.Usage, $"--since '{text}' is not a date; write e.g. --since 2026-11-01 or --since 2026-11-23T08:00Z.");
    }
}
