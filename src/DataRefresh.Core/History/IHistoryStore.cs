namespace DataRefresh.Core.History;

/// <summary>
/// Where runs are remembered, one store for three concerns: audit records (<see cref="IAuditStore"/>), the run history
/// (<see cref="IRunHistory"/>), what scheduler nodes share (<see cref="ISchedulerCoordination"/>), rule approvals with the schemas they are reviewed against (<see cref="IRuleReviews"/>) and the web console's
/// local accounts (<see cref="IConsoleAccounts"/>). They live together
/// because a cluster needs all three in one shared database, and a run's history row and audit record belong side by side.
/// SQLite by default, PostgreSQL when configured; both in DataRefresh.History. A store creates or migrates its schema on
/// first use.
/// </summary>
public interface IHistoryStore : IAuditStore, IRunHistory, ISchedulerCoordination, IConsoleAccounts, IRuleReviews
{
    /// <summary>Where the store lives, for messages (a file path, a connection without secrets).</summary>
    string Location { get; }

    /// <summary>Creates or migrates the schema, so a run never starts when its record could not be kept.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);
}
