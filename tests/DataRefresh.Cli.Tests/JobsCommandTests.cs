using DataRefresh.Core.Errors;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary><c>datarefresh jobs</c> reads job and rule files and settings only: no database is needed or touched.</summary>
public sealed class JobsCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public JobsCommandTests() =>
        cli.UseEnvironments(("prod", "Host=prod.invalid;Database=crm", true), ("staging", "Host=staging.invalid;Database=crm_staging", false));

    private string JobsFolder(params (string Name, string Content)[] jobs)
    {
        var folder = Path.GetDirectoryName(cli.WriteFile("marker.txt", ""))!;
        var jobsFolder = Directory.CreateDirectory(Path.Combine(folder, "jobs")).FullName;
        foreach (var (name, content) in jobs)
        {
            File.WriteAllText(Path.Combine(jobsFolder, name), content);
        }

        return jobsFolder;
    }

    [Fact]
    public async Task Check_lists_the_good_and_the_bad_job_and_exits_4()
    {
        var rules = RepositoryPaths.Rules("crm.yaml");
        var folder = JobsFolder(
            ("good.yaml", $"source: prod\ntarget: staging\nrules: [ {rules} ]\nschedule: \"0 0 2 * * ?\"\ntimeZone: Europe/Berlin\n"),
            ("bad.yaml", $"source: prod\ntarget: staging\nrules: [ {rules} ]\nschedule: \"0 0 2 * * ?\"\ntimeZone: Mars/Olympus\n"));

        var (exitCode, output, error) = await cli.RunAsync(["jobs", "--check", "--jobs", folder], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.InvalidJobOrRules, $"exit {exitCode}: {output}{error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var good = Assert.Single(lines, line => line.StartsWith("good ", StringComparison.Ordinal));
        Assert.Contains("every day at 02:00 (Europe/Berlin), next ", good, StringComparison.Ordinal);
        Assert.EndsWith("OK", good.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("bad ", StringComparison.Ordinal) && line.Contains("INVALID", StringComparison.Ordinal));
        Assert.Contains($"error: {Path.Combine(folder, "bad.yaml")}:5:11: 'timeZone' is 'Mars/Olympus'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_reports_missing_environments_a_production_target_and_bad_rules_with_their_lines()
    {
        var broken = cli.WriteFile("broken-rules.yaml", "version: 1\ntables: [\n");
        var folder = JobsFolder(
            ("to-prod.yaml", "source: staging\ntarget: prod\n"),
            ("unknown.yaml", $"source: prdo\ntarget: qa\nrules: [ {broken} ]\n"));

        var (exitCode, output, _) = await cli.RunAsync(["jobs", "--check", "--jobs", folder], withMaskingKey: false);

        Assert.Equal(ExitCodes.InvalidJobOrRules, exitCode);
        Assert.Contains($"{Path.Combine(folder, "to-prod.yaml")}:2:9: refusing to write to environment 'prod'", output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(folder, "unknown.yaml")}:1:9: environment 'prdo' is not defined", output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(folder, "unknown.yaml")}:2:9: environment 'qa' is not defined", output, StringComparison.Ordinal);
        Assert.Contains($"{broken}:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_check_the_listing_exits_0_and_unscheduled_jobs_say_so()
    {
        var folder = JobsFolder(("manual.yaml", "source: prod\ntarget: staging\n"), ("broken.yaml", "source: prod\n"));

        var (exitCode, output, _) = await cli.RunAsync(["jobs", "--jobs", folder], withMaskingKey: false);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("manual  no schedule  last run never  OK", output, StringComparison.Ordinal);
        Assert.Contains("no 'target'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_jobs_folder_checks_clean()
    {
        var (exitCode, output, error) = await cli.RunAsync(["jobs", "--check", "--jobs", Path.Combine(RepositoryPaths.Root, "jobs")], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.Contains("nightly-staging  every day at 02:00 (Europe/Berlin), next ", output, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
