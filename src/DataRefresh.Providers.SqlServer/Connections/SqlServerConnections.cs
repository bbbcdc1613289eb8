using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Providers.SqlServer.Errors;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Connections;

/// <summary>
/// The connections the provider opens from an environment's connection string: to its database, to another database on
/// its server (master, a side database, a database snapshot), and as a source, which only reads
/// (<c>ApplicationIntent=ReadOnly</c>, so an availability group routes it to a readable secondary where one is set up).
/// </summary>
internal static class SqlServerConnections
{
    public const string ApplicationName = "DataRefresh";

    /// <summary>The database the environment names (Initial Catalog / Database), or a refusal saying how to name one.</summary>
    public static string DatabaseOf(EnvironmentSettings environment) =>
        SqlServerConnectionStrings.Read(environment.ConnectionString, environment.Name).InitialCatalog is { Length: > 0 } database
            ? database
            : throw SqlServerConnectionStrings.Invalid(environment.Name, "it names no database; add Database=<name>");

    public static string To(EnvironmentSettings environment, string database, bool readOnly = false)
    {
        var builder = SqlServerConnectionStrings.Read(environment.ConnectionString, environment.Name);
        builder.InitialCatalog = database;
        builder.ApplicationName = ApplicationName;
        if (readOnly)
        {
            builder.ApplicationIntent = ApplicationIntent.ReadOnly;
        }

        return builder.ConnectionString;
    }

    public static string Source(EnvironmentSettings source) => To(source, DatabaseOf(source), readOnly: true);

    public static string Master(EnvironmentSettings environment) => To(environment, "master");

    /// <summary>
    /// Does <paramref name="work"/> on a connection of its own to the environment's master database, explaining a
    /// refusal of the server in one sentence that says what was being done.
    /// </summary>
    public static async Task<T> OnMasterAsync<T>(EnvironmentSettings environment, string doing, Func<SqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var master = await OpenAsync(Master(environment), environment, cancellationToken);
        try
        {
            return await work(master);
        }
        catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqlServerErrors.Explain(error, doing)!;
        }
    }

    /// <summary>Opens a connection, explaining a failure (login failed, server unreachable) in one sentence naming the environment.</summary>
    public static async Task<SqlConnection> OpenAsync(string connectionString, EnvironmentSettings environment, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw SqlServerErrors.Explain(error, $"connecting to environment '{environment.Name}'")!;
        }
        catch (NotSupportedException) when (AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant)
        {
            await connection.DisposeAsync();
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"cannot connect to environment '{environment.Name}': SQL Server's client needs the ICU globalization libraries, and this process runs in globalization-invariant mode; " +
                "unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT and install ICU (Debian: apt-get install libicu72). Nothing was touched.");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
