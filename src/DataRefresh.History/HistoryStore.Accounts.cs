using DataRefresh.Core.Accounts;

namespace DataRefresh.History;

/// <summary>The web console's local accounts; roles are stored comma-separated.</summary>
public partial class HistoryStore
{
    public Task SaveAccountAsync(ConsoleAccount account, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.SaveAccount,
            cancellationToken,
            Text("@name", account.Name), Text("@hash", account.PasswordHash), Text("@roles", string.Join(',', account.Roles)), Instant("@created", account.CreatedAt));

    public async Task<ConsoleAccount?> FindAccountAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadAccountsAsync(name, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<ConsoleAccount>> ReadAccountsAsync(CancellationToken cancellationToken = default) => ReadAccountsAsync(null, cancellationToken);

    public async Task<bool> RemoveAccountAsync(string name, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(dialect.RemoveAccount, cancellationToken, Text("@name", name)) > 0;

    private Task<IReadOnlyList<ConsoleAccount>> ReadAccountsAsync(string? name, CancellationToken cancellationToken) =>
        ReadRowsAsync(
            dialect.ReadAccounts,
            reader => new ConsoleAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries), dialect.ReadInstant(reader, 3)),
            cancellationToken,
            Text("@name", name));
}
