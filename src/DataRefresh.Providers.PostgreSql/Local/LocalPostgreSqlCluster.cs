using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DataRefresh.Core.Errors;
using DataRefresh.Providers.PostgreSql.Ddl;

namespace DataRefresh.Providers.PostgreSql.Local;

/// <summary>
/// A throwaway PostgreSQL server in a temporary folder on a free loopback port, made with the installed initdb and
/// pg_ctl: for the demo and the tests. PostgreSQL refuses to run as root, so as root it runs as the 'postgres' user.
/// Durability is switched off: the data is thrown away anyway. Unix only, like the Debian packages it uses.
/// </summary>
public sealed class LocalPostgreSqlCluster : IAsyncDisposable
{
    private const string SuperUser = "postgres";

    private readonly string root;
    private readonly string binDirectory;

    private LocalPostgreSqlCluster(string root, string binDirectory, int port, string password)
    {
        this.root = root;
        this.binDirectory = binDirectory;
        Port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username={SuperUser};Password={password};Timeout=30;Command Timeout=0";
    }

    public int Port { get; }

    /// <summary>The superuser connection string to the 'postgres' database; change Database for others.</summary>
    public string ConnectionString { get; }

    public string ConnectionStringFor(string database) => ConnectionString + ";Database=" + database;

    public static async Task<LocalPostgreSqlCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new DataRefreshException(ExitCodes.Usage, "A local PostgreSQL server is started from Debian's server packages, on Linux only.");
        }

        var binDirectory = Path.GetDirectoryName(PostgreSqlTools.Find("initdb", debianPackage: "postgresql"))!;
        var root = Path.Combine(Path.GetTempPath(), "datarefresh-pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(root);

        // The server runs as another user when we are root: let it write here (initdb makes the data folder 0700 itself).
        File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(root, "password");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var cluster = new LocalPostgreSqlCluster(root, binDirectory, FreePort(), password);
        try
        {
            await cluster.RunAsync("initdb", ["-D", cluster.DataDirectory, "-U", SuperUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-sync"], cancellationToken);
            File.Delete(passwordFile);
            var options = $"-p {cluster.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
            await cluster.RunAsync("pg_ctl", ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o", options, "start"], cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string DataDirectory => Path.Combine(root, "data");

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(DataDirectory))
        {
            try
            {
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
            catch (DataRefreshException)
            {
                // Not running (it never started, or was stopped already): nothing to stop.
            }
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(binDirectory, program);
        var startInfo = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", ["-u", SuperUser, "--", executable, .. arguments])
            : new ProcessStartInfo(executable, arguments);
        startInfo.WorkingDirectory = root;
        var (exitCode, output, errors) = await ToolProcess.RunAsync(startInfo, cancellationToken);
        if (exitCode != 0)
        {
            throw new DataRefreshException(
                ExitCodes.ExternalToolFailed,
                $"{program} failed while starting a local PostgreSQL server (exit {exitCode}): {(errors + output).Trim()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
