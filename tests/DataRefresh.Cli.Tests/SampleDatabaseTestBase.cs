using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Set-up shared by the tests that run the command line against the sample CRM database: a fresh source database with
/// <c>customers</c> customers, a staging name no other test uses (not yet a database), a <see cref="CliRunner"/> whose
/// settings name them <c>prod</c> (production) and <c>staging</c>, and the runner's folder removed afterwards.
/// </summary>
public abstract class SampleDatabaseTestBase(PostgreSqlServerFixture server, int customers, string prodPrefix = "prod", string stagingPrefix = "staging")
    : IAsyncLifetime
{
    protected PostgreSqlServerFixture Server => server;

    private protected CliRunner Cli { get; } = new();

    /// <summary>The source database's name.</summary>
    protected string ProdName { get; private set; } = "";

    /// <summary>The target database's name.</summary>
    protected string StagingName { get; private set; } = "";

    protected string Prod => server.ConnectionStringFor(ProdName);

    protected string Staging => server.ConnectionStringFor(StagingName);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server.RequireServer();
        ProdName = await server.CreateDatabaseAsync(prodPrefix, RepositoryPaths.SampleDatabaseScript(customers), Token);
        StagingName = server.UniqueName(stagingPrefix);
        await UseEnvironmentsAsync();
    }

    /// <summary>Writes the runner's environments once the databases are named: by default both as the fixture's superuser.</summary>
    protected virtual Task UseEnvironmentsAsync()
    {
        Cli.UseEnvironments(("prod", Prod, true), ("staging", Staging, false));
        return Task.CompletedTask;
    }

    public virtual ValueTask DisposeAsync()
    {
        // Runs execute in this process, and every test database leaves a pool of idle connections behind; closed here, so
        // the server's connection slots stay free for the child processes of the serve and cluster tests.
        Npgsql.NpgsqlConnection.ClearAllPools();
        Cli.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Makes a new database built by <paramref name="script"/> the production environment; returns its connection string.</summary>
    private protected async Task<string> UseSourceAsync(string prefix, string script)
    {
        var source = Server.ConnectionStringFor(await Server.CreateDatabaseAsync(prefix, script, Token));
        Cli.UseEnvironments(("prod", source, true), ("staging", Staging, false));
        return source;
    }

    /// <summary>A job from prod to staging through one rule file holding <paramref name="rules"/>, plus <paramref name="extra"/> job keys.</summary>
    private protected string WriteRulesJob(string rules, string extra = "")
    {
        var rulesFile = Cli.WriteFile($"rules-{Guid.NewGuid():N}.yaml", rules);
        return Cli.WriteFile($"job-{Guid.NewGuid():N}.yaml", $"source: prod\ntarget: staging\nrules: [ {rulesFile} ]\nkeepOwnership: false\n{extra}");
    }

    protected static Task<T> ScalarAsync<T>(string connectionString, string sql) => PostgreSqlServerFixture.ScalarAsync<T>(connectionString, sql, Token);

    /// <summary>Refresh and retired databases beside the target (and <c>__previous</c> when asked), sorted.</summary>
    protected Task<IReadOnlyList<string>> SideDatabasesAsync(bool includePrevious = false) => server.DatabasesBesideAsync(StagingName, includePrevious, Token);
}
