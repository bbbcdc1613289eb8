using DataRefresh.Core.Accounts;
using DataRefresh.Core.Errors;
using DataRefresh.History;

namespace DataRefresh.Cli.Tests;

/// <summary><c>datarefresh user</c> on a real SQLite history store: the password from standard input, only its hash kept.</summary>
public sealed class UserCommandTests : IDisposable
{
    private const string Password = "a long enough secret 42";

    private readonly CliRunner cli = new();

    public UserCommandTests() => cli.UseEnvironments(("staging", "Host=staging.invalid;Database=crm_staging", false));

    private Task<(int ExitCode, string Out, string Error)> RunAsync(string[] args, string? input = null) =>
        cli.RunAsync(args, new Dictionary<string, string?>(), TestContext.Current.CancellationToken, input: input);

    [Fact]
    public async Task Add_keeps_a_hash_of_the_password_read_from_standard_input_and_list_shows_no_secret()
    {
        var (added, output, error) = await RunAsync(["user", "add", "dana", "--role", "dba", "--role", "Reviewer"], Password + "\n");
        Assert.True(added == ExitCodes.Success, output + error);
        Assert.StartsWith("Added console account 'dana' (dba, reviewer)", output, StringComparison.Ordinal);

        var account = await new SqliteHistoryStore(cli.HistoryFile).FindAccountAsync("dana", TestContext.Current.CancellationToken);
        Assert.True(PasswordHashing.Verify(Password, account!.PasswordHash));
        Assert.DoesNotContain(Password, File.ReadAllText(cli.HistoryFile), StringComparison.Ordinal);

        var (listed, list, _) = await RunAsync(["user", "list"]);
        Assert.Equal(0, listed);
        Assert.StartsWith("dana  dba, reviewer  since ", list, StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", list, StringComparison.Ordinal);

        var (again, updated, _) = await RunAsync(["user", "add", "dana", "--role", "developer"], "another long secret 7\n");
        Assert.Equal(0, again);
        Assert.StartsWith("Updated console account 'dana' (developer)", updated, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(["user", "remove", "dana"])).ExitCode);
        var (missing, _, missingError) = await RunAsync(["user", "remove", "dana"]);
        Assert.Equal(ExitCodes.Usage, missing);
        Assert.Contains("there is no console account 'dana'", missingError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short\n", "--role dba", "at least 12 characters")]
    [InlineData(Password + "\n", "--role admin", "'admin' is not a console role")]
    public async Task A_short_password_or_an_unknown_role_saves_nothing(string input, string roles, string expected)
    {
        var (exitCode, _, error) = await RunAsync(["user", "add", "eve", .. roles.Split(' ')], input);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("short", error.Replace("at least", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain((await RunAsync(["user", "list"])).Out.Split('\n'), line => line.StartsWith("eve", StringComparison.Ordinal));
    }

    public void Dispose() => cli.Dispose();
}
