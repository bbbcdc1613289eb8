using DataRefresh.Core.Accounts;

namespace DataRefresh.Core.History;

/// <summary>The web console's local accounts, by name (compared as written).</summary>
public interface IConsoleAccounts
{
    /// <summary>Adds the account, or replaces the password and roles of the one with its name.</summary>
    Task SaveAccountAsync(ConsoleAccount account, CancellationToken cancellationToken = default);

    /// <summary>The account with this name, or null.</summary>
    Task<ConsoleAccount?> FindAccountAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<ConsoleAccount>> ReadAccountsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the account; false when there was none.</summary>
    Task<bool> RemoveAccountAsync(string name, CancellationToken cancellationToken = default);
}
