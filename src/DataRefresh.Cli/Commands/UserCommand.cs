using System.CommandLine;
using System.Globalization;
using System.Text;
using DataRefresh.Cli.Serving;
using DataRefresh.Core.Accounts;
using DataRefresh.Core.Errors;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh user add|list|remove</c>: the web console's local accounts, kept in the history store (so every node
/// of a cluster knows them). The password is read from standard input — never from the command line or the
/// environment, where other users and process lists could see it — and only its hash is stored.
/// </summary>
internal static class UserCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("user", "Local accounts of the web console: add or change one, list them, remove one.");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Remove(console));
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "The account's name, as typed at sign-in." };
        var roles = new Option<string[]>("--role") { Description = "dba, developer or reviewer (repeat for several).", Required = true };
        var command = new Command("add", "Add an account, or set a new password and roles for an existing one; the password is read from standard input.") { name, roles };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var accountName = parseResult.GetValue(name)!.Trim();
            if (accountName.Length is 0 or > 100 || accountName.Any(char.IsControl))
            {
                throw new DataRefreshException(ExitCodes.Usage, "user add: the account name must be 1 to 100 characters without control characters.");
            }

            var accountRoles = ConsoleRoles.Parse(parseResult.GetValue(roles) ?? [], "--role");
            var password = ReadPassword(console);
            if (password.Length < PasswordHashing.MinimumLength)
            {
                throw new DataRefreshException(ExitCodes.Usage, $"user add: the password must have at least {PasswordHashing.MinimumLength} characters; nothing was saved.");
            }

            var history = await ServeStores.OpenHistoryAsync(services, cancellationToken);
            var existing = await history.FindAccountAsync(accountName, cancellationToken);
            await history.SaveAccountAsync(new ConsoleAccount(accountName, PasswordHashing.Hash(password), accountRoles, TimeProvider.System.GetUtcNow()), cancellationToken);
            await console.Out.WriteLineAsync($"{(existing is null ? "Added" : "Updated")} console account '{accountName}' ({string.Join(", ", accountRoles)}) in {history.Location}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "List the console's local accounts and their roles (never their passwords).");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var history = await ServeStores.OpenHistoryAsync(services, cancellationToken);
            var accounts = await history.ReadAccountsAsync(cancellationToken);
            if (accounts.Count == 0)
            {
                await console.Out.WriteLineAsync("No console accounts; add one with: datarefresh user add <name> --role dba");
            }

            foreach (var account in accounts)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{account.Name}  {string.Join(", ", account.Roles)}  since {account.CreatedAt:yyyy-MM-dd}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "The account to remove." };
        var command = new Command("remove", "Remove a console account; its sessions end at their next request.") { name };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var accountName = parseResult.GetValue(name)!;
            var history = await ServeStores.OpenHistoryAsync(services, cancellationToken);
            if (!await history.RemoveAccountAsync(accountName, cancellationToken))
            {
                throw new DataRefreshException(ExitCodes.Usage, $"user remove: there is no console account '{accountName}'; see 'datarefresh user list'.");
            }

            await console.Out.WriteLineAsync($"Removed console account '{accountName}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One line of standard input; on a terminal, asked for and typed without echo.</summary>
    private static string ReadPassword(CliConsole console)
    {
        if (console.Input is { } input)
        {
            return input.ReadLine() ?? "";
        }

        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? "";
        }

        console.Error.Write("Password: ");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        console.Error.WriteLine();
        return typed.ToString();
    }
}
