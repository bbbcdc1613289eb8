using System.Diagnostics.CodeAnalysis;
using DataRefresh.Providers.PostgreSql.Local;
using Npgsql;

namespace DataRefresh.Cli.Demo;

/// <summary>The PostgreSQL demo (<c>--engine postgresql</c>): a throwaway local server holding the sample database (Demo/crm-prod.sql) and its staging copy.</summary>
internal sealed class PostgreSqlDemo : DemoEngine
{
    private const string ProductionDatabase = "crm_prod";
    private const string StagingDatabase = "crm_staging";

    private readonly LocalPostgreSqlCluster cluster;

    private PostgreSqlDemo(LocalPostgreSqlCluster cluster)
    {
        this.cluster = cluster;
    }

    public override string JobFile => Path.Combine("jobs", "nightly-staging.yaml");

    public override IReadOnlyDictionary<string, string?> Environments =>
        Environment(Production, "PostgreSql", cluster.ConnectionStringFor(ProductionDatabase), production: true)
            .Concat(Environment(Staging, "PostgreSql", cluster.ConnectionStringFor(StagingDatabase), production: false))
            .ToDictionary();

    /// <summary>Starts the server from the installed PostgreSQL server binaries (Debian package <c>postgresql</c>).</summary>
    public static async Task<PostgreSqlDemo> StartAsync(CancellationToken cancellationToken = default) =>
        new(await LocalPostgreSqlCluster.StartAsync(cancellationToken));

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The database name is a constant quoted through PostgreSqlDialect.Quote; the script is the embedded demo SQL, in which only an integer count is substituted.")]
    public override async Task CreateSampleAsync(int customers, CancellationToken cancellationToken = default)
    {
        await using (var server = new NpgsqlConnection(cluster.ConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Providers.PostgreSql.PostgreSqlDialect.Quote(ProductionDatabase)}", server);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor(ProductionDatabase));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Script("DataRefresh.Cli.Demo.crm-prod.sql", customers), connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task<System.Data.Common.DbConnection> OpenAsync(string environment, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(cluster.ConnectionStringFor(environment == Production ? ProductionDatabase : StagingDatabase));
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override ValueTask DisposeAsync() => cluster.DisposeAsync();
}
