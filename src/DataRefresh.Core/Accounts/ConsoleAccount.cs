namespace DataRefresh.Core.Accounts;

/// <summary>
/// A local account of the web console: a name, the hash of its password (<see cref="PasswordHashing"/>, never the
/// password) and its roles (<see cref="ConsoleRoles"/>). Kept in the history store, so every node of a cluster knows it.
/// </summary>
public sealed record ConsoleAccount(string Name, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);
