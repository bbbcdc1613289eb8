using System.Data.Common;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Audit;

/// <summary>
/// A source or target as the audit names it: the environment, its provider, its connection string without secrets (the
/// provider's own description), the database name, and the server's identity when the run read it (PostgreSQL's
/// system identifier: the same whatever host name reached the server).
/// </summary>
public sealed record AuditDatabase(string Environment, string Provider, bool Production, string Connection, string? Database, string? ServerIdentity)
{
    public static AuditDatabase Describe(EnvironmentSettings environment, IRefreshProvider provider, DatabaseIdentity? identity)
    {
        var connection = provider.DescribeConnection(environment.ConnectionString);
        return new AuditDatabase(environment.Name, environment.Provider.ToString(), environment.Production, connection, DatabaseOf(connection), identity?.Server);
    }

    /// <summary>The database named in a (secret-free) connection string, under the names drivers use for it.</summary>
    private static string? DatabaseOf(string connection)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connection };
            foreach (var key in new[] { "Database", "Initial Catalog", "Data Source" })
            {
                if (builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } name)
                {
                    return name;
                }
            }
        }
        catch (ArgumentException)
        {
            // A description that is not key=value pairs names no database we can read.
        }

        return null;
    }
}
