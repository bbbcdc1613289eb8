using DataRefresh.Core.Errors;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Connections;

/// <summary>Reading an environment's SQL Server connection string, and describing it without its secrets.</summary>
internal static class SqlServerConnectionStrings
{
    public static SqlConnectionStringBuilder Read(string connectionString, string environment)
    {
        try
        {
            return new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The builder's message may quote the offending part, a password among them: only its kind is named.
            throw Invalid(environment, "it is not a valid SQL Server connection string (check its keys and quoting)");
        }
    }

    /// <summary>The connection string with the password removed, fit for logs, plans and audit records.</summary>
    public static string Describe(string connectionString, string environment)
    {
        var builder = Read(connectionString, environment);
        builder.Remove("Password");
        return builder.ConnectionString;
    }

    public static DataRefreshException Invalid(string environment, string why) =>
        new(ExitCodes.Configuration, $"The connection string of environment '{environment}' cannot be used: {why}.");
}
