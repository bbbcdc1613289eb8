using System.CommandLine;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Runs;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh rollback &lt;target&gt;</c>: puts back the copy of a non-production target that a run with
/// <c>keepPrevious: true</c> kept, under the target's run lock and with a cut-over's safety; audited. Exit 16 when there
/// is no previous copy.
/// </summary>
internal static class RollbackCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Argument<string>("target") { Description = "The environment whose previous copy to put back." };
        var command = new Command("rollback", "Put a target's previous copy (kept by a run with keepPrevious: true) back in place; audited, runs no then: copies.") { target };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var name = parseResult.GetValue(target)!;
            var rollback = new TargetRollback(services.Settings, services.Providers, services.AuditTrail(), services.Logger, TimeProvider.System);
            var runId = await rollback.RunAsync(name, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"Rolled back '{name}' to its previous copy (run {runId}); the copy it replaced was dropped, and a second rollback has nothing to go back to.");
            return ExitCodes.Success;
        });
        return command;
    }
}
