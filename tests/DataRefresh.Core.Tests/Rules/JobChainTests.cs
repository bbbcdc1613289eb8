using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Tests.Rules;

/// <summary><c>then:</c> in job files: copies made from a job's target after it succeeded.</summary>
public sealed class JobChainTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private JobDefinition Load(string then, string upstream = "name: nightly\nsource: prod\ntarget: staging\nparallelism: 8\nbatchSize: 500\nkeepOwnership: false\n") =>
        JobFileLoader.Load(files.Write("job.yaml", upstream + "then:\n" + then));

    [Fact]
    public void A_copy_reads_the_upstream_target_and_inherits_its_parallelism_batch_size_and_ownership()
    {
        var job = Load("  - target: dev\n");

        var copy = Assert.Single(job.Then);
        Assert.Null(job.Upstream);
        Assert.Equal(("nightly-dev", "nightly", "staging", "dev"), (copy.Name, copy.Upstream, copy.Source, copy.Target));
        Assert.Equal((8, 500, false), (copy.Parallelism, copy.BatchSize, copy.KeepOwnership));
        Assert.Equal((false, 0, (TimeSpan?)null, true), (copy.KeepPrevious, copy.Retries, copy.Timeout, copy.Enabled));
        Assert.Null(copy.Schedule);
        Assert.Empty(copy.RuleFiles);
        Assert.Empty(copy.Then);
        Assert.Equal(job.File, copy.File);
        Assert.Equal((8, 5), (copy.SourceAt.Line, copy.SourceAt.Column));
        Assert.Equal((8, 13), (copy.TargetAt.Line, copy.TargetAt.Column));
        Assert.Equal(copy.SourceAt, copy.NameAt);
    }

    [Fact]
    public void A_copy_reads_its_own_keys_and_they_override_the_inherited_ones()
    {
        files.Write("extra.yaml", "version: 1\ntables: {}\n");
        files.Write("reset.sql", "SELECT 1;\n");
        var job = Load(
            "  - target: qa\n    name: qa-from-staging\n    rules: [ extra.yaml ]\n    parallelism: 2\n    batchSize: 100\n    keepOwnership: true\n" +
            "    keepPrevious: true\n    after:\n      - sql: reset.sql\n    verify:\n      minDistinct: 7\n    retries: 2\n    timeout: 90m\n");

        var copy = Assert.Single(job.Then);
        Assert.Equal("qa-from-staging", copy.Name);
        Assert.Equal((9, 11), (copy.NameAt.Line, copy.NameAt.Column));
        Assert.Equal("extra.yaml", Path.GetFileName(Assert.Single(copy.RuleFiles)));
        Assert.Equal((2, 100, true, true), (copy.Parallelism, copy.BatchSize, copy.KeepOwnership, copy.KeepPrevious));
        Assert.Equal("reset.sql", Path.GetFileName(Assert.Single(copy.After).SqlFile));
        Assert.Equal(7, copy.Verify.MinDistinct);
        Assert.Equal((2, TimeSpan.FromMinutes(90)), (copy.Retries, copy.Timeout));
    }

    [Fact]
    public void Chains_go_deeper_and_every_copy_names_its_upstream()
    {
        var job = Load("  - target: dev\n    then:\n      - target: dev2\n        then:\n          - target: dev3\n  - target: qa\n");

        Assert.Equal(["nightly-dev", "nightly-dev-dev2", "nightly-dev-dev2-dev3", "nightly-qa"], job.Downstream().Select(copy => copy.Name));
        Assert.Equal(["nightly", "nightly-dev", "nightly-dev-dev2", "nightly"], job.Downstream().Select(copy => copy.Upstream));
        Assert.Equal(["staging", "dev", "dev2", "staging"], job.Downstream().Select(copy => copy.Source));
        Assert.Equal(8, job.Downstream().ElementAt(2).Parallelism);
    }

    [Theory]
    [InlineData("  - target: dev\n    source: staging\n", 9, 5, "'source' is not allowed in a 'then:' entry: a copy always reads its upstream's target ('staging')")]
    [InlineData("  - target: dev\n    schedule: \"0 0 3 * * ?\"\n", 9, 5, "'schedule' is not allowed in a 'then:' entry: a copy runs when its upstream 'nightly' succeeded")]
    [InlineData("  - target: dev\n    timeZone: UTC\n", 9, 5, "'timeZone' is not allowed in a 'then:' entry")]
    [InlineData("  - target: dev\n    misfire: skip\n", 9, 5, "'misfire' is not allowed in a 'then:' entry")]
    [InlineData("  - target: dev\n    enabled: false\n", 9, 5, "'enabled' is not allowed in a 'then:' entry: a copy runs whenever its upstream 'nightly' succeeded")]
    [InlineData("  - target: dev\n    then:\n      - target: dev2\n        source: dev\n", 11, 9, "'source' is not allowed in a 'then:' entry: a copy always reads its upstream's target ('dev')")]
    [InlineData("  - target: dev\n    tagret: qa\n", 9, 5, "unknown key 'tagret' in a 'then:' entry (did you mean 'target'?)")]
    [InlineData("  - name: dev-copy\n", 8, 5, "a 'then:' entry has no 'target'")]
    [InlineData("  target: dev\n", 8, 3, "'then' must be a list")]
    [InlineData("  - dev\n", 8, 5, "a 'then:' entry must be a mapping")]
    [InlineData("  - target: dev\n    keepPrevious: maybe\n", 9, 19, "'keepPrevious' must be true or false")]
    [InlineData("  - target: staging\n", 8, 13, "target 'staging' is the database this copy reads (the target of 'nightly')")]
    [InlineData("  - target: dev\n  - target: DEV\n    name: other\n", 9, 13, "target 'DEV' is already the target of 'nightly-dev' at ")]
    [InlineData("  - target: dev\n    then:\n      - target: qa\n  - target: qa\n", 11, 13, "target 'qa' is already the target of 'nightly-dev-qa' at ")]
    [InlineData("  - target: prod\n", 8, 13, "target 'prod' is already the source of 'nightly' at ")]
    [InlineData("  - target: dev\n    name: nightly\n", 9, 11, "the job name 'nightly' is already used at ")]
    [InlineData("  - target: dev\n    name: twin\n  - target: qa\n    name: twin\n", 11, 11, "the job name 'twin' is already used at ")]
    [InlineData("  - target: dev\n  - target: qa\n    name: nightly-dev\n", 10, 11, "the job name 'nightly-dev' is already used at ")]
    public void A_bad_then_entry_is_a_located_error(string then, int line, int column, string problem)
    {
        var error = Assert.Throws<FileFormatException>(() => Load(then));

        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{Path.Combine(files.Directory, "job.yaml")}:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_job_makes_dev_and_qa_from_staging()
    {
        var job = JobFileLoader.Load(SampleFiles.NightlyJob);

        Assert.Equal(["nightly-staging-dev", "nightly-staging-qa"], job.Then.Select(copy => copy.Name));
        Assert.All(job.Then, copy => Assert.Equal(("staging", "nightly-staging", 4, 10_000), (copy.Source, copy.Upstream, copy.Parallelism, copy.BatchSize)));
        Assert.All(job.Then, copy => Assert.Empty(copy.After));
    }
}
