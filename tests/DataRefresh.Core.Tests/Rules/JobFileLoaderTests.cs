using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Tests.Rules;

public sealed class JobFileLoaderTests
{
    [Fact]
    public void The_sample_job_loads_with_rules_resolved_against_its_folder()
    {
        var job = JobFileLoader.Load(SampleFiles.NightlyJob);

        Assert.Equal("nightly-staging", job.Name);
        Assert.Equal("prod", job.Source);
        Assert.Equal("staging", job.Target);
        Assert.Equal(4, job.Parallelism);
        Assert.Equal(10_000, job.BatchSize);
        Assert.True(job.KeepOwnership);
        Assert.Equal(Path.GetFullPath(SampleFiles.CrmRules), Path.GetFullPath(Assert.Single(job.RuleFiles)));
    }

    [Fact]
    public void Defaults_apply_when_parallelism_and_batch_size_are_omitted()
    {
        using var files = new TempFiles();
        var job = JobFileLoader.Load(files.Write("job.yaml", "source: prod\ntarget: dev\n"));

        Assert.Equal("job", job.Name);
        Assert.Equal(JobDefinition.DefaultParallelism, job.Parallelism);
        Assert.Equal(JobDefinition.DefaultBatchSize, job.BatchSize);
        Assert.Empty(job.RuleFiles);
    }

    [Fact]
    public void Verification_thresholds_are_read_from_verify_and_default_otherwise()
    {
        using var files = new TempFiles();
        var job = JobFileLoader.Load(files.Write("job.yaml", "source: prod\ntarget: dev\nverify:\n  leakage: warn\n  maxUnchangedShare: 2%\n  maxOriginalShare: 0.05\n  minDistinct: 500\n"));

        Assert.Equal(Core.Verification.LeakagePolicy.Warn, job.Verify.Leakage);
        Assert.Equal(0.02, job.Verify.MaxUnchangedShare, 10);
        Assert.Equal(0.05, job.Verify.MaxOriginalShare);
        Assert.Equal(500, job.Verify.MinDistinct);
        Assert.Equal(Core.Verification.VerificationSettings.Default.CollapseMaxShare, job.Verify.CollapseMaxShare);
        Assert.Equal(Core.Verification.VerificationSettings.Default, JobFileLoader.Load(SampleFiles.NightlyJob).Verify);
    }

    [Theory]
    [InlineData("source: prod\ntarget: dev\nverify:\n  leakage: ignore\n", 4, "'leakage' is 'ignore'; write fail")]
    [InlineData("source: prod\ntarget: dev\nverify:\n  maxUnchangedShare: 150%\n", 4, "'maxUnchangedShare' must be a share from 0 to 1")]
    [InlineData("source: prod\ntarget: dev\nverify:\n  minDistnct: 5\n", 4, "unknown key 'minDistnct' in 'verify' (did you mean 'minDistinct'?)")]
    [InlineData("source: prod\ntarget: dev\nparalelism: 4\n", 3, "unknown key 'paralelism'")]
    [InlineData("target: dev\n", 1, "no 'source'")]
    [InlineData("source: prod\ntarget: prod\n", 2, "both 'prod'")]
    [InlineData("source: prod\ntarget: dev\nbatchSize: 0\n", 3, "'batchSize' must be a whole number from 1")]
    [InlineData("source: prod\ntarget: dev\nrules: ../rules/crm.yaml\n", 3, "'rules' must be a list")]
    public void A_bad_job_file_is_a_located_error(string content, int line, string problem)
    {
        using var files = new TempFiles();
        var path = files.Write("job.yaml", content);

        var error = Assert.Throws<FileFormatException>(() => JobFileLoader.Load(path));

        Assert.Equal(line, error.Location.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
