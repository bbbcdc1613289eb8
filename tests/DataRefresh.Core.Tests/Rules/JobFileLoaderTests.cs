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
    public void The_sample_job_has_its_after_step_read_and_hashed()
    {
        var step = Assert.Single(JobFileLoader.Load(SampleFiles.NightlyJob).After);

        Assert.Equal("disable-newsletter.sql", Path.GetFileName(step.SqlFile));
        Assert.Equal(File.ReadAllText(step.SqlFile), step.Sql);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(step.SqlFile))), step.Sha256);
        Assert.Contains("newsletter", Assert.Single(step.Expect).Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void After_steps_resolve_their_files_against_the_job_folder_and_keep_each_expect_location()
    {
        using var files = new TempFiles();
        Directory.CreateDirectory(Path.Combine(files.Directory, "sql"));
        files.Write(Path.Combine("sql", "one.sql"), "UPDATE t SET a = 1;\n");
        files.Write("two.sql", "SELECT 1;\n");
        var path = files.Write("job.yaml", "source: prod\ntarget: dev\nafter:\n  - sql: sql/one.sql\n    expect:\n      - SELECT 1 WHERE false\n      - \"SELECT 2 WHERE false\"\n  - sql: two.sql\n");

        var job = JobFileLoader.Load(path);

        Assert.Equal(2, job.After.Count);
        Assert.Equal(Path.Combine(files.Directory, "sql", "one.sql"), Path.GetFullPath(job.After[0].SqlFile));
        Assert.Equal(new[] { 6, 7 }, job.After[0].Expect.Select(expect => expect.Location.Line));
        Assert.Equal("SELECT 2 WHERE false", job.After[0].Expect[1].Sql);
        Assert.Empty(job.After[1].Expect);
        Assert.Equal("SELECT 1;\n", job.After[1].Sql);
    }

    [Theory]
    [InlineData("after:\n  - sql: missing.sql\n", 4, 10, "the SQL file 'missing.sql' does not exist")]
    [InlineData("after:\n  - sql: present.sql\n    expect: SELECT 1\n", 5, 13, "'expect' must be a list")]
    [InlineData("after:\n  - sql: present.sql\n    exepct: [ SELECT 1 ]\n", 5, 5, "unknown key 'exepct' in an after step (did you mean 'expect'?)")]
    [InlineData("after:\n  - expect: [ SELECT 1 ]\n", 4, 5, "an after step has no 'sql'")]
    [InlineData("after:\n  sql: present.sql\n", 4, 3, "'after' must be a list")]
    [InlineData("after:\n  - sql: present.sql\n    expect: [ \"\" ]\n", 5, 15, "an expect query is empty")]
    public void A_bad_after_step_is_a_located_error(string after, int line, int column, string problem)
    {
        using var files = new TempFiles();
        files.Write("present.sql", "SELECT 1;\n");
        var path = files.Write("job.yaml", "source: prod\ntarget: dev\n" + after);

        var error = Assert.Throws<FileFormatException>(() => JobFileLoader.Load(path));

        Assert.Equal((path, line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
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
        Assert.False(job.KeepPrevious);
    }

    [Fact]
    public void KeepPrevious_is_read_from_the_job_file()
    {
        using var files = new TempFiles();
        var job = JobFileLoader.Load(files.Write("job.yaml", "source: prod\ntarget: dev\nkeepPrevious: true\n"));

        Assert.True(job.KeepPrevious);
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
    [InlineData("source: prod\ntarget: dev\nkeepPrevious: yes please\n", 3, "'keepPrevious' must be true or false")]
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
