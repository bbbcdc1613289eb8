using System.Net;
using DataRefresh.Cli.Commands;
using DataRefresh.Core.Accounts;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.History;
using DataRefresh.Testing;
using DataRefresh.Web.Hosting;
using Microsoft.AspNetCore.Builder;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// The web console in-process on a free loopback port, over the SQLite history store and settings of a <see cref="CliRunner"/>
/// (whose runs are real <c>datarefresh run</c>s), with three accounts — one per role — sharing <see cref="Password"/>.
/// </summary>
internal sealed class ConsoleTestServer : IAsyncDisposable
{
    public const string Password = "console test password 1";
    public const string MetricsToken = "metrics-scrape-token-0123456789";

    // One hash for every test account: PBKDF2 at its full cost is slow on purpose.
    private static readonly Lazy<string> PasswordHash = new(() => PasswordHashing.Hash(Password));

    private ConsoleTestServer(WebApplication app, SqliteHistoryStore store)
    {
        App = app;
        Store = store;
        Address = new Uri(ConsoleHost.Addresses(app)[0]);
    }

    public WebApplication App { get; }

    public SqliteHistoryStore Store { get; }

    public Uri Address { get; }

    /// <summary>The SQLite demo's jobs in the repository, as they are.</summary>
    public static string JobsFolder => Path.Combine(RepositoryPaths.Root, "jobs", "sqlite-demo");

    /// <summary>
    /// A project of the test's own that the console serves (its files may change under a test): the SQLite demo's jobs in
    /// <c>jobs/</c> and its rules in <c>rules/</c>, as a project lays them out. Returns the jobs folder.
    /// </summary>
    public static string ProjectJobsFolder(CliRunner cli)
    {
        var project = Path.Combine(cli.Folder, "project");
        var jobs = Path.Combine(project, "jobs");
        if (!Directory.Exists(jobs))
        {
            Directory.CreateDirectory(Path.Combine(jobs, "sql"));
            Directory.CreateDirectory(Path.Combine(project, "rules"));
            File.Copy(Path.Combine(RepositoryPaths.Root, "rules", "crm-sqlite.yaml"), Path.Combine(project, "rules", "crm-sqlite.yaml"));
            foreach (var sql in Directory.GetFiles(Path.Combine(JobsFolder, "sql")))
            {
                File.Copy(sql, Path.Combine(jobs, "sql", Path.GetFileName(sql)));
            }

            foreach (var job in Directory.GetFiles(JobsFolder, "*.yaml"))
            {
                File.WriteAllText(Path.Combine(jobs, Path.GetFileName(job)), File.ReadAllText(job).Replace("../../rules/", "../rules/", StringComparison.Ordinal));
            }
        }

        return jobs;
    }

    /// <summary>A free loopback port, and <c>/metrics</c> behind <see cref="MetricsToken"/>.</summary>
    public static ConsoleSettings Settings { get; } = new(["http://127.0.0.1:0"], [], MetricsToken);

    /// <param name="settings"><see cref="Settings"/> unless given.</param>
    /// <param name="logger">Where the console logs; nowhere by default.</param>
    public static async Task<ConsoleTestServer> StartAsync(CliRunner cli, ConsoleSettings? settings = null, Serilog.ILogger? logger = null)
    {
        var token = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.GetDirectoryName(cli.HistoryFile)!);
        var store = new SqliteHistoryStore(cli.HistoryFile);
        await AddAccountsAsync(store);

        var configuration = SettingsLoader.BuildConfiguration(cli.SettingsFile);
        logger ??= new Serilog.LoggerConfiguration().CreateLogger();
        var audit = new AuditTrail(new AuditJsonLines(cli.AuditFile), store, logger);
        var context = new ConsoleContext(store, audit, SettingsLoader.Load(configuration, cli.SettingsFile), CommandServices.KnownProviders(logger), ProjectJobsFolder(cli), TimeProvider.System, logger);
        var app = ConsoleHost.Build(context, settings ?? Settings);
        await app.StartAsync(token);
        return new ConsoleTestServer(app, store);
    }

    /// <summary>The test accounts dana (dba), rita (reviewer) and devi (developer), for a console this class did not start.</summary>
    public static async Task AddAccountsAsync(Core.History.IHistoryStore store)
    {
        foreach (var (name, role) in new[] { ("dana", ConsoleRoles.Dba), ("rita", ConsoleRoles.Reviewer), ("devi", ConsoleRoles.Developer) })
        {
            await store.SaveAccountAsync(new ConsoleAccount(name, PasswordHash.Value, [role], TimeProvider.System.GetUtcNow()), TestContext.Current.CancellationToken);
        }
    }

    public HttpClient NewClient() => NewClient(Address);

    /// <summary>A client that keeps cookies and does not follow redirects, so a test sees each answer as sent.</summary>
    public static HttpClient NewClient(Uri address) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
