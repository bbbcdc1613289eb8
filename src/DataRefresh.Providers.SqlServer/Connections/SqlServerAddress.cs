using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Connections;

/// <summary>
/// Where a SQL Server connection string leads, read without connecting, for the production guard: the server of
/// <c>Data Source</c> (also spelt <c>Server</c>, <c>Address</c>, …) and of <c>Failover Partner</c>, and the database.
/// Every spelling of one place comes out alike: protocol prefixes (<c>tcp:</c>, <c>np:</c>, <c>lpc:</c>, <c>admin:</c>)
/// are dropped, <c>.</c>, <c>(local)</c> and shared memory are this machine (<c>localhost</c>, which
/// <see cref="DatabaseAddress"/> takes for every loopback spelling), a missing port is 1433, a named instance without
/// a port is compared by its name (<c>MSSQLSERVER</c> is the default instance), and a named pipe's path gives its host
/// and instance. Database names compare without case, as SQL Server's default collations do: the guard takes two
/// spellings of one name for the same database rather than risk missing one. Two spellings it cannot tell apart without
/// the server (a named instance and its port) are caught once connected, by the server's identity.
/// </summary>
internal static class SqlServerAddress
{
    public const int DefaultPort = 1433;

    private const string DefaultInstance = "MSSQLSERVER";

    public static DatabaseAddress Parse(string connectionString, string environment)
    {
        var builder = SqlServerConnectionStrings.Read(connectionString, environment);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw SqlServerConnectionStrings.Invalid(environment, "it names no server (Data Source=<host>[\\<instance>][,<port>] is required)");
        }

        if (string.IsNullOrWhiteSpace(builder.InitialCatalog))
        {
            throw SqlServerConnectionStrings.Invalid(environment, "it names no database (Initial Catalog=<database> is required: a refresh never relies on a login's default database)");
        }

        var endpoints = new List<DatabaseEndpoint> { Endpoint(builder.DataSource, environment) };
        if (!string.IsNullOrWhiteSpace(builder.FailoverPartner))
        {
            endpoints.Add(Endpoint(builder.FailoverPartner, environment));
        }

        return new DatabaseAddress(endpoints, builder.InitialCatalog.Trim().ToUpperInvariant());
    }

    /// <summary>One server spelling as host, port and instance.</summary>
    public static DatabaseEndpoint Endpoint(string server, string environment)
    {
        var text = server.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var protocol = colon > 0 ? text[..colon].Trim().ToLowerInvariant() : "";
        if (protocol is "tcp" or "np" or "lpc" or "admin")
        {
            text = text[(colon + 1)..].Trim();
        }
        else
        {
            protocol = "";
        }

        if (protocol == "np" || text.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return NamedPipe(text, server, environment);
        }

        int? port = null;
        var comma = text.LastIndexOf(',');
        if (comma >= 0)
        {
            port = int.TryParse(text[(comma + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
                ? number
                : throw SqlServerConnectionStrings.Invalid(environment, $"the port of server '{server}' is not a number from 1 to 65535");
            text = text[..comma].Trim();
        }

        string? instance = null;
        var backslash = text.IndexOf('\\', StringComparison.Ordinal);
        if (backslash >= 0)
        {
            instance = text[(backslash + 1)..].Trim();
            text = text[..backslash].Trim();
        }

        var host = Host(text, protocol);
        if (host == "(localdb)")
        {
            // LocalDB is a per-user instance on this machine, reached by its name only.
            return new DatabaseEndpoint("localhost", 0, "(LOCALDB)\\" + (instance ?? "").ToUpperInvariant());
        }

        return Endpoint(host, port, instance);
    }

    private static DatabaseEndpoint Endpoint(string host, int? port, string? instance) =>
        port is { } explicitPort ? new DatabaseEndpoint(host, explicitPort)
        : string.IsNullOrEmpty(instance) || instance.Equals(DefaultInstance, StringComparison.OrdinalIgnoreCase) ? new DatabaseEndpoint(host, DefaultPort)
        : new DatabaseEndpoint(host, 0, instance.ToUpperInvariant());

    private static string Host(string text, string protocol) =>
        protocol == "lpc" || text is "" or "." or "(local)" ? "localhost" : text.ToLowerInvariant();

    /// <summary><c>\\host\pipe\sql\query</c> is the default instance; <c>\\host\pipe\MSSQL$NAME\sql\query</c> the instance NAME.</summary>
    private static DatabaseEndpoint NamedPipe(string text, string server, string environment)
    {
        var parts = text.TrimStart('\\').Split('\\');
        if (parts.Length < 3 || !parts[1].Equals("pipe", StringComparison.OrdinalIgnoreCase))
        {
            throw SqlServerConnectionStrings.Invalid(environment, $"server '{server}' is not a named pipe of the form \\\\<host>\\pipe\\<name>");
        }

        var instance = parts[2].StartsWith("MSSQL$", StringComparison.OrdinalIgnoreCase) ? parts[2][6..] : null;
        return Endpoint(Host(parts[0], ""), port: null, instance);
    }
}
