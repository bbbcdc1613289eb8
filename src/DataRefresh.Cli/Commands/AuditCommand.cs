using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh audit</c>: the audit records of past runs from the history store, oldest first, newest last; with
/// <c>--verify</c>, checks their hash chain instead (<see cref="AuditChain"/>).
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var since = new Option<string?>("--since") { Description = "Only runs started at or after this date or time (UTC unless it says otherwise), e.g. 2026-11-01 or 2026-11-23T08:00+01:00." };
        var job = new Option<string?>("--job") { Description = "Only runs of the job with this name." };
        var format = new Option<string>("--format") { Description = "text (one block per run) or json (the stored JSON lines).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var verify = new Option<bool>("--verify") { Description = "Check the audit records' hash chain instead of printing them: exit 15 when a record was changed, removed or slipped in." };
        var command = new Command("audit", "Print the audit records of past runs (who, what, rules with hashes, rows, verification, outcome).") { since, job, format, verify };
        command.Validators.Add(result =>
        {
            if (result.GetValue(verify) && (result.GetResult(since) is { Implicit: false } || result.GetResult(job) is { Implicit: false } || result.GetResult(format) is { Implicit: false }))
            {
                result.AddError("--verify checks the whole chain; it takes no --since, --job or --format.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var query = new AuditQuery(ParseSince(parseResult.GetValue(since)), parseResult.GetValue(job));
            using var services = CommandServices.Create(parseResult, console);
            if (services.HistoryToRead() is not { } store)
            {
                console.Error.WriteLine($"No audit records yet: the history store {services.Audit.HistoryFile} does not exist (runs create it; see {AuditSettings.HistoryFileSetting}).");
                return ExitCodes.Success;
            }

            if (parseResult.GetValue(verify))
            {
                return await VerifyAsync(store, console, cancellationToken);
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

    private static async Task<int> VerifyAsync(IHistoryStore store, CliConsole console, CancellationToken cancellationToken)
    {
        var report = await AuditChain.VerifyAsync(store, cancellationToken);
        var before = report.BeforeChain > 0 ? $" ({report.BeforeChain} older record{(report.BeforeChain == 1 ? "" : "s")} from before the chain)" : "";
        if (report.Intact)
        {
            await console.Out.WriteLineAsync($"Audit chain intact: {report.Chained} record{(report.Chained == 1 ? "" : "s")} in {store.Location}{before}; head {report.Head}.");
            return ExitCodes.Success;
        }

        foreach (var problem in report.Problems)
        {
            await console.Error.WriteLineAsync($"Audit chain broken: {problem}.");
        }

        await console.Error.WriteLineAsync($"The audit chain in {store.Location} is broken in {report.Problems.Count} place{(report.Problems.Count == 1 ? "" : "s")}; keep the store as it is and compare it with a backup or the JSON-lines file.");
        return ExitCodes.AuditChainBroken;
    }

    private static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return TypedInstant.TryParse(text, out var since)
            ? since
            : throw new DataRefreshException(ExitCodes.Usage, $"--since '{text}' is not a date; write e.g. --since 2026-11-01 or --since 2026-11-23T08:00Z.");
    }
}
