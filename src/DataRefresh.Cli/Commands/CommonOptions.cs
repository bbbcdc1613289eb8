using System.CommandLine;

namespace DataRefresh.Cli.Commands;

/// <summary>Options every command understands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "Settings file to read instead of ./appsettings.json (environment variables still override it).",
        Recursive = true,
    };

    public static Option<string> JobsFolder() => new("--jobs") { Description = "Folder of job files (*.yaml).", DefaultValueFactory = _ => "jobs" };

    public static Argument<string> JobFile() => new("job") { Description = "The job file, e.g. jobs/nightly-staging.yaml." };
}
