using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Tests.Providers;

/// <summary>How any failure becomes the exit code and sentence users see and audit records keep.</summary>
public sealed class ProviderRegistryTests
{
    [Fact]
    public void An_unknown_exception_is_named_by_type_and_place_never_by_its_message()
    {
        var explained = new ProviderRegistry([]).Explain(Thrown());

        Assert.Equal(ExitCodes.InternalError, explained.ExitCode);
        Assert.Contains("unexpected InvalidOperationException in ProviderRegistryTests.Fail", explained.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", explained.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_own_errors_pass_as_thrown_and_a_cancellation_says_the_target_was_not_changed()
    {
        var registry = new ProviderRegistry([new ExplainingProvider()]);
        var ours = new DataRefreshException(ExitCodes.TargetBusy, "busy");

        Assert.Same(ours, registry.Explain(ours));
        var cancelled = registry.Explain(new OperationCanceledException());
        Assert.Equal((ExitCodes.Cancelled, "Cancelled; the target was not changed."), (cancelled.ExitCode, cancelled.Message));
    }

    [Fact]
    public void A_driver_error_is_explained_by_the_provider_that_knows_it()
    {
        var explained = new ProviderRegistry([new ExplainingProvider()]).Explain(new TimeoutException("server said: 'secret'"));

        Assert.Equal((ExitCodes.DatabaseUnavailable, "the test server did not answer."), (explained.ExitCode, explained.Message));
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            Fail();
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }

        throw new InvalidOperationException("nothing was thrown");
    }

    /// <summary>Throws with a row value in the message, as drivers and CsvHelper do.</summary>
    private static void Fail() => throw new InvalidOperationException("row value 'alice@example.com'");

    /// <summary>Knows one driver exception (<see cref="TimeoutException"/>); the rest of a provider is not needed here.</summary>
    private sealed class ExplainingProvider : IRefreshProvider
    {
        public ProviderKind Kind => ProviderKind.Sqlite;

        public ProviderCapabilities Capabilities => throw new NotSupportedException();

        public string DefaultSchema => "main";

        public DataRefreshException? Explain(Exception exception) =>
            exception is TimeoutException ? new DataRefreshException(ExitCodes.DatabaseUnavailable, "the test server did not answer.", exception) : null;

        public bool IsTransient(Exception exception) => false;

        public string DescribeConnection(string connectionString) => throw new NotSupportedException();

        public DatabaseAddress ParseAddress(EnvironmentSettings environment) => throw new NotSupportedException();

        public Task<DatabaseIdentity?> ReadIdentityAsync(EnvironmentSettings environment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ISourceCatalog> OpenCatalogAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
