using System.CommandLine;
using DataRefresh.Cli.Commands;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;

namespace DataRefresh.Cli;

/// <summary>The <c>datarefresh</c> command line: commands, and the one place where failures become exit codes.</summary>
internal static class DataRefreshCli
{
    /// <summary>Every command and option, as <c>--help</c> and docs/commands.md describe them.</summary>
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("DataRefresh: refresh staging from production through masking rules.");
        root.Options.Add(CommonOptions.Config);
        root.Options.OfType<VersionOption>().Single().Action = new ProgramVersion();
        root.Subcommands.Add(InitCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(PlanCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(RulesSchemaCommand.Create(console));
        root.Subcommands.Add(ScanCommand.Create(console));
        root.Subcommands.Add(PreviewCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(ReportCommand.Create(console));
        root.Subcommands.Add(AuditCommand.Create(console));
        root.Subcommands.Add(HistoryCommand.Create(console));
        root.Subcommands.Add(PurgeCommand.Create(console));
        root.Subcommands.Add(CleanupCommand.Create(console));
        root.Subcommands.Add(RollbackCommand.Create(console));
        root.Subcommands.Add(UserCommand.Create(console));
        root.Subcommands.Add(JobsCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(WebCommand.Create(console));
        root.Subcommands.Add(TriggerCommand.Create(console));
        root.Subcommands.Add(SnapshotCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C and SIGTERM cancel the token; give a run time to drop its side database, and serve time to let its
            // running refreshes unwind (ServeHost.ShutdownTimeout), before the process is ended.
            ProcessTerminationTimeout = TimeSpan.FromMinutes(2),
        };

        try
        {
            var parsed = root.Parse(args);
            var exitCode = await parsed.InvokeAsync(invocation, cancellationToken);
            return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
        }
        catch (Exception exception)
        {
            return ErrorReporter.Report(exception, CommandServices.KnownProviders(Serilog.Core.Logger.None), console.Error);
        }
    }
}
