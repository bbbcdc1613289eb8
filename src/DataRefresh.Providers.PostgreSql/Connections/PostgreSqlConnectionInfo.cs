using DataRefresh.Core.Errors;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Connections;

/// <summary>
/// A parsed Npgsql connection string and the variations a refresh needs: the same server with another database, a
/// read-only source session, a description without secrets, and the libpq environment for pg_dump and pg_restore.
/// </summary>
internal sealed class PostgreSqlConnectionInfo
{
    public const string MaintenanceDatabase = "postgres";

    private const int CopyBufferSize = 64 * 1024;

    private readonly NpgsqlConnectionStringBuilder builder;

    private PostgreSqlConnectionInfo(NpgsqlConnectionStringBuilder builder) => this.builder = builder;

    public static PostgreSqlConnectionInfo Parse(string connectionString, string environmentName)
    {
        try
        {
            return new PostgreSqlConnectionInfo(new NpgsqlConnectionStringBuilder(connectionString));
        }
        catch (ArgumentException exception)
        {
            // The parser's message names the bad keyword, never the value.
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"The connection string of environment '{environmentName}' is not a valid PostgreSQL connection string ({exception.Message}); fix it in the configuration.");
        }
    }

    public string Database => builder.Database ?? builder.Username ?? "postgres";

    public string Host => builder.Host ?? "localhost";

    public int Port => builder.Port;

    public string ConnectionString => builder.ConnectionString;

    /// <summary>Every host of the (possibly failover) host list with its port; 5432 and localhost when not given.</summary>
    public Core.Providers.DatabaseAddress Address()
    {
        var endpoints = new List<Core.Providers.DatabaseEndpoint>();
        foreach (var entry in Host.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // "host:port", "[::1]:port" or a bare host; a colon inside an unbracketed IPv6 address is not a port.
            var colon = entry.LastIndexOf(':');
            var hasPort = colon > 0 && entry.IndexOf(':', StringComparison.Ordinal) == colon || entry.StartsWith('[') && colon > entry.IndexOf(']', StringComparison.Ordinal);
            endpoints.Add(hasPort && int.TryParse(entry[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port)
                ? new Core.Providers.DatabaseEndpoint(entry[..colon].Trim('[', ']'), port)
                : new Core.Providers.DatabaseEndpoint(entry.Trim('[', ']'), Port));
        }

        return new Core.Providers.DatabaseAddress(endpoints, Database);
    }

    public PostgreSqlConnectionInfo WithDatabase(string database) =>
        new(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = database });

    /// <summary>
    /// For sessions that stream COPY data: socket buffers of 64 kB instead of Npgsql's 8 kB, so a table moves in an
    /// eighth of the reads and writes (each costs a cancellation registration and an await). Kept when the user set larger.
    /// </summary>
    public PostgreSqlConnectionInfo ForBulkCopy() =>
        new(new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            ReadBufferSize = Math.Max(builder.ReadBufferSize, CopyBufferSize),
            WriteBufferSize = Math.Max(builder.WriteBufferSize, CopyBufferSize),
        });

    /// <summary>The same connection without pooling: closing it ends its server session (and the session's locks).</summary>
    public PostgreSqlConnectionInfo Unpooled() =>
        new(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false });

    /// <summary>Every session on a source is read-only at the server, whatever our own code does.</summary>
    public PostgreSqlConnectionInfo AsReadOnlySource()
    {
        var readOnly = new NpgsqlConnectionStringBuilder(builder.ConnectionString);
        readOnly.Options = (readOnly.Options + " " + ReadOnlyOption).Trim();
        return new PostgreSqlConnectionInfo(readOnly);
    }

    public const string ReadOnlyOption = "-c default_transaction_read_only=on";

    public string Describe() => Describe(builder.ConnectionString);

    public static string Describe(string connectionString)
    {
        try
        {
            var redacted = new NpgsqlConnectionStringBuilder(connectionString);
            foreach (var secret in new[] { "Password", "SSL Password", "Passfile" })
            {
                redacted.Remove(secret);
            }

            return redacted.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }

    /// <summary>libpq settings for pg_dump and pg_restore, passed as environment variables so the password is never on a command line.</summary>
    public IReadOnlyDictionary<string, string> LibpqEnvironment(string? extraOptions = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = Host,
            ["PGPORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = Database,
            ["PGSSLMODE"] = builder.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
            ["PGCONNECT_TIMEOUT"] = Math.Max(2, builder.Timeout).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "datarefresh",
        };
        if (builder.Username is { } user)
        {
            environment["PGUSER"] = user;
        }

        if (builder.Password is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        var options = (builder.Options + " " + extraOptions).Trim();
        if (options.Length > 0)
        {
            environment["PGOPTIONS"] = options;
        }

        return environment;
    }
}
