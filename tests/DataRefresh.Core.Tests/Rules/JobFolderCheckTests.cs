using DataRefresh.Core.Providers;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Tests.Rules;

/// <summary><see cref="JobFolderCheck"/> on <c>then:</c> copies and on job names shared between files.</summary>
public sealed class JobFolderCheckTests : IDisposable
{
    private readonly TempFiles files = new();

    private static readonly DataRefreshSettings Settings = new(
        new Dictionary<string, EnvironmentSettings>(StringComparer.OrdinalIgnoreCase)
        {
            ["prod"] = new("prod", ProviderKind.PostgreSql, "Host=prod.invalid;Database=crm", true),
            ["staging"] = new("staging", ProviderKind.PostgreSql, "Host=staging.invalid;Database=crm_staging", false),
            ["dev"] = new("dev", ProviderKind.PostgreSql, "Host=staging.invalid;Database=crm_dev", false),
            ["archive"] = new("archive", ProviderKind.PostgreSql, "Host=archive.invalid;Database=crm", true),
        },
        null,
        "test settings");

    public void Dispose() => files.Dispose();

    // No provider is built into Core: bare table names in the checked rule files stay in no schema.
    private static readonly ProviderRegistry NoProviders = new([]);

    private IReadOnlyList<JobCheckResult> Check() => JobFolderCheck.Check(files.Directory, Settings, NoProviders, TimeProvider.System);

    [Fact]
    public void A_copy_into_production_or_an_unknown_environment_is_a_problem_of_its_file_only()
    {
        var bad = files.Write("bad.yaml", "source: prod\ntarget: staging\nthen:\n  - target: archive\n  - target: qa\n    then:\n      - target: dev\n");
        files.Write("good.yaml", "source: prod\ntarget: staging\nthen:\n  - target: dev\n");

        var results = Check();

        var badResult = Assert.Single(results, result => result.File == bad);
        Assert.Equal(2, badResult.Problems.Count);
        Assert.StartsWith($"{bad}:4:13: refusing to write to environment 'archive'", badResult.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith($"{bad}:5:13: environment 'qa' is not defined", badResult.Problems[1], StringComparison.Ordinal);
        Assert.Equal(["bad-archive", "bad-qa", "bad-qa-dev"], badResult.Job!.Downstream().Select(copy => copy.Name));
        Assert.True(Assert.Single(results, result => result.Name == "good").IsValid);
    }

    [Fact]
    public void A_copy_whose_rule_file_does_not_load_is_a_problem_of_its_file()
    {
        var job = files.Write("job.yaml", "source: prod\ntarget: staging\nthen:\n  - target: dev\n    rules: [ missing.yaml ]\n");

        var result = Assert.Single(Check());

        Assert.Equal(job, result.File);
        Assert.Contains("missing.yaml' does not exist", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_jobs_check_clean_against_the_sample_settings()
    {
        var sampleSettings = SettingsLoader.Load(SettingsLoader.BuildConfiguration(Path.Combine(SampleFiles.Root, "appsettings.sample.json")), "appsettings.sample.json");

        var result = Assert.Single(JobFolderCheck.Check(Path.Combine(SampleFiles.Root, "jobs"), sampleSettings, NoProviders, TimeProvider.System));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(["dev", "qa"], result.Job!.Then.Select(copy => copy.Target));
    }

    [Fact]
    public void A_job_name_used_in_two_files_is_reported_in_both()
    {
        var first = files.Write("a.yaml", "name: nightly\nsource: prod\ntarget: staging\nthen:\n  - target: dev\n");
        var second = files.Write("b.yaml", "name: nightly-dev\nsource: prod\ntarget: staging\n");
        var third = files.Write("c.yaml", "name: weekly\nsource: prod\ntarget: staging\n");

        var results = Check();

        Assert.Equal($"{first}:5:5: the job name 'nightly-dev' is also used at {second}:1:7; a scheduler knows jobs by name, so give each its own 'name'.",
            Assert.Single(Assert.Single(results, result => result.File == first).Problems));
        Assert.StartsWith($"{second}:1:7: the job name 'nightly-dev' is also used at {first}:5:5;",
            Assert.Single(Assert.Single(results, result => result.File == second).Problems), StringComparison.Ordinal);
        Assert.True(Assert.Single(results, result => result.File == third).IsValid);
    }
}
