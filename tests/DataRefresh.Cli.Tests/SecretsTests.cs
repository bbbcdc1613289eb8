using System.Text;
using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Passwords and the masking key never leave the process: a whole refresh and several failing ones, with debug logging to
/// a file, the audit trail, the history store and a report, and then every byte the tool printed or wrote is searched for
/// them (as UTF-8, UTF-16 and Base64).
/// </summary>
public sealed class SecretsTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, 300)
{
    private const string ProdPassword = "Prod-Password-c81f0a27";
    private const string StagingPassword = "Staging-Password-5e93d4b1";
    private const string WrongPassword = "Wrong-Password-77aa01fe";
    private const string MaskingKey = "Masking-Key-Secret-4f1a2b3c9d";

    private readonly string outputs = Directory.CreateTempSubdirectory("datarefresh-outputs-").FullName;
    private string prodRole = "";
    private string stagingRole = "";

    /// <summary>The tool connects as roles with passwords of their own, so there are passwords to leak.</summary>
    protected override async Task UseEnvironmentsAsync()
    {
        prodRole = await CreateRoleAsync("prod_reader", ProdPassword);
        stagingRole = await CreateRoleAsync("staging_writer", StagingPassword);
        UseEnvironments(ProdPassword);
    }

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(outputs, recursive: true);
        return base.DisposeAsync();
    }

    private IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DataRefresh:MaskingKey"] = MaskingKey,
        ["DataRefresh:Audit:File"] = Path.Combine(outputs, "audit.jsonl"),
        ["DataRefresh:History:File"] = Path.Combine(outputs, "history.db"),
        ["Serilog:Using:0"] = "Serilog.Sinks.File",
        ["Serilog:MinimumLevel:Default"] = "Debug",
        ["Serilog:WriteTo:0:Name"] = "File",
        ["Serilog:WriteTo:0:Args:path"] = Path.Combine(outputs, "datarefresh.log"),
    };

    [Fact]
    public async Task No_password_or_masking_key_appears_in_any_output_of_good_and_failing_runs()
    {
        var job = RepositoryPaths.Jobs("nightly-staging.yaml");
        var rules = RepositoryPaths.Rules("crm.yaml");

        Assert.Equal(0, await RunAsync("run", job));
        Assert.Equal(0, await RunAsync("run", job)); // a second run replaces a live target
        Assert.Equal(0, await RunAsync("plan", job));
        Assert.Equal(0, await RunAsync("validate", "--job", job));
        Assert.Equal(0, await RunAsync("report", "--rules", rules, "--env", "prod", "--format", "html", "--output", Path.Combine(outputs, "report.html")));
        Assert.Equal(0, await RunAsync("scan", "--env", "prod", "--rules", rules));

        // A copy that fails halfway (the phone domain refuses this constant), rules that do not match, a wrong password.
        var shortPhone = Cli.WriteFile("short-phone.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      phone: { mask: constant, value: \"12345\" }\n");
        Assert.Equal(ExitCodes.RefreshFailed, await RunAsync("run", Cli.WriteFile("fails.yaml", $"source: prod\ntarget: staging\nrules: [ {shortPhone} ]\n")));
        var typo = Cli.WriteFile("typo.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      frist_name: { mask: hash }\n");
        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, await RunAsync("run", Cli.WriteFile("typo-job.yaml", $"source: prod\ntarget: staging\nrules: [ {typo} ]\n")));
        UseEnvironments(WrongPassword);
        Assert.Equal(ExitCodes.DatabaseUnavailable, await RunAsync("run", job));

        var written = Directory.GetFiles(outputs, "*", SearchOption.AllDirectories);
        foreach (var expected in new[] { "datarefresh.log", "audit.jsonl", "history.db", "report.html" })
        {
            Assert.Contains(written, file => file.EndsWith(expected, StringComparison.Ordinal));
        }

        var everything = new List<(string Where, byte[] Bytes)> { ("standard output and error", Encoding.UTF8.GetBytes(Cli.AllOutput)) };
        everything.AddRange(written.Select(file => (file, File.ReadAllBytes(file))));
        foreach (var secret in new[] { ProdPassword, StagingPassword, WrongPassword, MaskingKey })
        {
            foreach (var (where, bytes) in everything)
            {
                foreach (var form in Forms(secret))
                {
                    Assert.True(bytes.AsSpan().IndexOf(form) < 0, $"a secret appears in {where}");
                }
            }
        }
    }

    private async Task<int> RunAsync(params string[] args)
    {
        var (exitCode, _, error) = await Cli.RunAsync(args, Settings, Token);
        TestContext.Current.TestOutputHelper?.WriteLine(error);
        return exitCode;
    }

    private static IEnumerable<byte[]> Forms(string secret) =>
    [
        Encoding.UTF8.GetBytes(secret),
        Encoding.Unicode.GetBytes(secret),
        Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))),
    ];

    private void UseEnvironments(string prodPassword) =>
        Cli.UseEnvironments(
            ("prod", As(Prod, prodRole, prodPassword), true),
            ("staging", As(Staging, stagingRole, StagingPassword), false));

    // Superusers: this test is about what the tool writes, not about privileges.
    private Task<string> CreateRoleAsync(string prefix, string password) => Server.CreateLoginRoleAsync(prefix, password, "SUPERUSER", Token);

    private static string As(string connectionString, string role, string password) => PostgreSqlServerFixture.ConnectAs(connectionString, role, password);
}
