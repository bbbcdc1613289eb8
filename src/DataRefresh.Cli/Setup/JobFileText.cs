using DataRefresh.Core.Scanning;

namespace DataRefresh.Cli.Setup;

/// <summary>The text of the job <c>init</c> writes: source, target and the drafted rules, with the usual next settings as comments.</summary>
internal static class JobFileText
{
    public static string For(InitRequest request)
    {
        var jobFolder = Path.GetDirectoryName(Path.GetFullPath(request.JobFile))!;
        var rules = Path.GetRelativePath(jobFolder, Path.GetFullPath(request.RulesFile)).Replace('\\', '/');
        return $"""
            # Written by 'datarefresh init': refresh {request.Target} from {request.Source}. Environments are in {request.SettingsFile}.
            name: {RuleDraftWriter.Quote(Path.GetFileNameWithoutExtension(request.JobFile))}
            source: {RuleDraftWriter.Quote(request.Source)}
            target: {RuleDraftWriter.Quote(request.Target)}
            rules: [ {RuleDraftWriter.Quote(rules)} ]   # relative to this file; a draft until its reviewer deletes its 'draft:' line
            # parallelism: 4                 # tables copied at once
            # schedule: "0 0 2 * * ?"        # for serve: Quartz cron, seconds first (02:00 every day); see docs/jobs.md#schedules

            """;
    }
}
