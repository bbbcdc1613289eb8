using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Planning.Subsets;
using DataRefresh.Core.Snapshots;

namespace DataRefresh.Core.Tests.Rules;

/// <summary>A job's <c>subset:</c> and <c>snapshot:</c> as written, and every mistake in them as a located error.</summary>
public sealed class SubsetAndSnapshotJobTests
{
    [Fact]
    public void The_demo_snapshot_job_reads_its_roots_depth_policy_format_and_time_to_live()
    {
        var job = JobFileLoader.Load(Path.Combine(SampleFiles.Root, "jobs", "sqlite-demo", "dev-snapshot.yaml"));

        var root = Assert.Single(job.Subset!.Roots);
        Assert.Equal(("customers", 10.0, (long?)null, (string?)null), (root.Table, root.Percent!.Value, root.Limit, root.Where));
        Assert.Equal(2, job.Subset.ChildrenDepth);
        Assert.Equal(UnreachedPolicy.Empty, job.Subset.Unreached);
        Assert.Equal(SnapshotFormat.Sqlite, job.Snapshot!.Format);
        Assert.Equal(TimeSpan.FromDays(3), job.Snapshot.Ttl);
        Assert.Equal(SnapshotPlace.TargetName("dev-snapshot"), job.Target);
    }

    [Fact]
    public void Whole_and_empty_lists_and_limits_are_read_with_their_places()
    {
        using var files = new TempFiles();
        var job = JobFileLoader.Load(files.Write("job.yaml", """
            source: prod
            target: dev
            subset:
              roots:
                - { table: orders, where: "status = 'open'", limit: 50 }
              unreached: whole
              whole: [ countries ]
              empty: [ audit_log, sales.events ]
            """));

        Assert.Equal(50, job.Subset!.Roots[0].Limit);
        Assert.Equal("status = 'open'", job.Subset.Roots[0].Where);
        Assert.Equal(UnreachedPolicy.Whole, job.Subset.Unreached);
        Assert.Equal(["countries:Whole", "audit_log:Empty", "sales.events:Empty"], job.Subset.Policies.Select(policy => $"{policy.Table}:{policy.Policy}"));
        Assert.Equal(8, job.Subset.Policies[2].At.Line);
        Assert.Null(job.Snapshot);
    }

    [Theory]
    [InlineData("subset:\n  children: 1\n", 4, 3, "'subset' has no 'roots'")]
    [InlineData("subset:\n  roots: []\n", 4, 10, "'roots' is empty")]
    [InlineData("subset:\n  roots:\n    - percent: 5\n", 5, 7, "a subset root has no 'table'")]
    [InlineData("subset:\n  roots:\n    - { table: t, percent: 150 }\n", 5, 28, "'percent' must be a number above 0 and at most 100")]
    [InlineData("subset:\n  roots:\n    - { table: t, percent: 5, limit: 10 }\n", 5, 31, "both 'percent' and 'limit'")]
    [InlineData("subset:\n  roots:\n    - { table: t, precent: 5 }\n", 5, 19, "unknown key 'precent' in a subset root (did you mean 'percent'?)")]
    [InlineData("subset:\n  roots: [ { table: t } ]\n  unreached: all\n", 5, 14, "'unreached' is 'all'")]
    [InlineData("subset:\n  roots: [ { table: t } ]\n  children: 40\n", 5, 13, "'children' must be a whole number from 0 to 16")]
    public void A_bad_subset_is_a_located_error(string subset, int line, int column, string problem) =>
        AssertLocatedError("source: prod\ntarget: dev\n" + subset, line, column, problem);

    [Theory]
    [InlineData("source: prod\ntarget: dev\nsnapshot: { format: csv }\n", 2, 1, "a snapshot job writes its file under the snapshots folder, so 'target' does not apply")]
    [InlineData("source: prod\nsnapshot: { format: parquet }\n", 2, 21, "'format' is 'parquet'; write sqlite")]
    [InlineData("source: prod\nsnapshot: { format: environment }\n", 2, 21, "a snapshot into a database is a job with 'target: <environment>'")]
    [InlineData("source: prod\nsnapshot: { ttl: 30s }\n", 2, 18, "'ttl' must be a duration of at least a minute")]
    [InlineData("source: prod\nsnapshot: { tll: 3d }\n", 2, 13, "unknown key 'tll' in 'snapshot' (did you mean 'ttl'?)")]
    [InlineData("source: prod\nsnapshot: {}\nkeepPrevious: true\n", 3, 1, "'keepPrevious' does not apply")]
    public void A_bad_snapshot_is_a_located_error(string job, int line, int column, string problem) =>
        AssertLocatedError(job, line, column, problem);

    private static void AssertLocatedError(string text, int line, int column, string problem)
    {
        using var files = new TempFiles();
        var path = files.Write("job.yaml", text);

        var error = Assert.Throws<FileFormatException>(() => JobFileLoader.Load(path));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal((path, line, column), (error.Location.File, error.Location.Line, error.Location.Column));
    }
}
