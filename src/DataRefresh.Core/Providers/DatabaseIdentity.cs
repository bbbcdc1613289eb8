namespace DataRefresh.Core.Providers;

/// <summary>
/// What a database server says it is, independent of how it was reached: a server identity (PostgreSQL's
/// <c>system_identifier</c>) and the database name on it. Two environments with equal identities are the same database
/// however their connection strings are spelt.
/// </summary>
public sealed record DatabaseIdentity(string Server, string Database)
{
    public override string ToString() => $"database {Database} on server {Server}";
}
