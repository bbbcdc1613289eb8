namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// The operations a cut-over performs on the target server, each one statement outside any transaction (so a kill can
/// fall between any two), and the journal that records how far it got. <see cref="SqlServerCutOverServer"/> runs them
/// as T-SQL; tests run them over a server that can be killed between any two operations.
/// </summary>
internal interface ICutOverServer
{
    Task<bool> ExistsAsync(string database, CancellationToken cancellationToken);

    Task EndSessionsAsync(string database, CancellationToken cancellationToken);

    Task ReopenSessionsAsync(string database, CancellationToken cancellationToken);

    Task RenameAsync(string database, string newName, CancellationToken cancellationToken);

    Task DropAsync(string database, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="entry"/> (replacing the target's earlier record) before its step runs; durable when it returns.</summary>
    Task WriteJournalAsync(CutOverJournalEntry entry, CancellationToken cancellationToken);

    /// <summary>The target's cut-over in progress, or null.</summary>
    Task<CutOverJournalEntry?> ReadJournalAsync(string target, CancellationToken cancellationToken);

    Task DeleteJournalAsync(string target, CancellationToken cancellationToken);
}
