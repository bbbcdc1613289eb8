using DataRefresh.Providers.SqlServer;
using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;
using Xunit;

namespace DataRefresh.Testing;

/// <summary>
/// A real SQL Server for the tests that need one: the server <c>DATAREFRESH_SQLSERVER</c> names (a connection string to
/// an existing server, as the public workflow's service container gives), otherwise a throwaway container of the pinned
/// image through Testcontainers. Where neither exists — no Docker engine, as on this project's own machines — the tests
/// are skipped with that reason, visibly, unless <c>DATAREFRESH_SQLSERVER_REQUIRED=1</c> says a server is expected, when
/// they fail instead.
/// </summary>
public sealed class SqlServerInstance : IAsyncLifetime
{
    /// <summary>SQL Server 2022, pinned so a new cumulative update cannot change what the suite proves without a commit.</summary>
    public const string Image = "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04";

    private MsSqlContainer? container;

    /// <summary>A connection string to the server's master database, or null when there is no server.</summary>
    public string? ConnectionString { get; private set; }

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("DATAREFRESH_SQLSERVER") is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }

        try
        {
            container = new MsSqlBuilder(Image).Build();
            await container.StartAsync(TestContext.Current.CancellationToken);
            ConnectionString = container.GetConnectionString();
        }
        catch (DockerUnavailableException unavailable)
        {
            Unavailable = $"no SQL Server: DATAREFRESH_SQLSERVER is not set and Testcontainers found no Docker engine ({unavailable.Message.Split('\n')[0].TrimEnd('.')})";
        }
    }

    /// <summary>Skips the calling test when there is no server (or fails it when one is required), otherwise returns the master connection string.</summary>
    public string Require()
    {
        if (ConnectionString is { } connectionString)
        {
            return connectionString;
        }

        if (Environment.GetEnvironmentVariable("DATAREFRESH_SQLSERVER_REQUIRED") == "1")
        {
            Assert.Fail($"A SQL Server is required (DATAREFRESH_SQLSERVER_REQUIRED=1) but there is {Unavailable}.");
        }

        Assert.Skip($"Skipped: {Unavailable}. Set DATAREFRESH_SQLSERVER or run where Docker exists (the sqlserver workflow does).");
        return "";
    }

    /// <summary>A new empty database on the server, and a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var master = new SqlConnection(Require());
        await master.OpenAsync(cancellationToken);
        await using var command = new SqlCommand($"IF DB_ID(@name) IS NOT NULL BEGIN ALTER DATABASE {SqlServerDialect.Quote(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE {SqlServerDialect.Quote(name)}; END; CREATE DATABASE {SqlServerDialect.Quote(name)};", master);
        command.Parameters.AddWithValue("@name", name);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new SqlConnectionStringBuilder(Require()) { InitialCatalog = name }.ConnectionString;
    }

    /// <summary>Runs a T-SQL script in its batches (split at <c>GO</c> lines, as sqlcmd does) on a database.</summary>
    public static async Task RunScriptAsync(string connectionString, string script, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var batch in Batches(script))
        {
            await using var command = new SqlCommand(batch, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static IEnumerable<string> Batches(string script) =>
        System.Text.RegularExpressions.Regex.Split(script, @"^\s*GO\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Where(batch => !string.IsNullOrWhiteSpace(batch));

    public async ValueTask DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
