using Microsoft.Data.Sqlite;

namespace DataRefresh.Cli.Demo;

/// <summary>The default demo: the sample production database (Demo/crm-prod.sqlite.sql) and its staging copy as SQLite files in the demo's folder.</summary>
internal sealed class SqliteDemo(string folder) : DemoEngine
{
    private readonly string production = Path.Combine(folder, "crm-prod.db");
    private readonly string staging = Path.Combine(folder, "crm-staging.db");

    public override string JobFile => Path.Combine("jobs", "sqlite-demo", "demo-sqlite.yaml");

    public override string? SnapshotJobFile => Path.Combine("jobs", "sqlite-demo", "dev-snapshot.yaml");

    public override IReadOnlyDictionary<string, string?> Environments =>
        Environment(Production, "Sqlite", $"Data Source={production}", production: true)
            .Concat(Environment(Staging, "Sqlite", $"Data Source={staging}", production: false))
            .ToDictionary();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The embedded demo script, in which only an integer count is substituted.")]
    public override async Task CreateSampleAsync(int customers, CancellationToken cancellationToken = default)
    {
        await using var connection = Open(production);
        await using var command = new SqliteCommand(Script("DataRefresh.Cli.Demo.crm-prod.sqlite.sql", customers), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The files go with the demo's folder.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected override Task<System.Data.Common.DbConnection> OpenAsync(string environment, CancellationToken cancellationToken) =>
        Task.FromResult<System.Data.Common.DbConnection>(Open(environment == Production ? production : staging));

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
