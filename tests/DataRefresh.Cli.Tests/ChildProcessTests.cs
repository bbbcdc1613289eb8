namespace DataRefresh.Cli.Tests;

/// <summary>
/// The test classes that start <c>datarefresh</c> child processes and time their reactions to signals (kill tests,
/// serve, cluster). They run one class at a time: on a 2-core machine several .NET processes starting together beside
/// the in-process tests can starve a process past a test's 30 s wait for it to wind down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcessTests
{
    public const string Name = "child processes";
}
