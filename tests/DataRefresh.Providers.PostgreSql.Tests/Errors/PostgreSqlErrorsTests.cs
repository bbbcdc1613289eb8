using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Errors;
using DataRefresh.Providers.PostgreSql.Target;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Tests.Errors;

public sealed class PostgreSqlErrorsTests
{
    private static PostgresException Error(string sqlState, string message, string? table = null, string? constraint = null) =>
        new(message, "ERROR", "ERROR", sqlState, detail: "Key (email)=(john@example.com) already exists.", tableName: table, constraintName: constraint, where: "COPY customers, line 3, column email: \"john@example.com\"");

    [Fact]
    public void Quoted_values_are_removed_but_reported_identifiers_are_kept()
    {
        var error = Error("23505", "duplicate key value violates unique constraint \"customers_email_key\" on \"john@example.com\"", constraint: "customers_email_key");

        var explained = PostgreSqlErrors.Explain(error, "copying public.customers")!;

        Assert.Contains("\"customers_email_key\"", explained.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("john@example.com", explained.Message, StringComparison.Ordinal);
        Assert.StartsWith("copying public.customers: PostgreSQL error 23505", explained.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.RefreshFailed, explained.ExitCode);
    }

    [Theory]
    [InlineData("22P02", "invalid input syntax for type integer: \"4111 1111 1111 1111\"", "4111")]
    [InlineData("22021", "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28", "0xc3")]
    [InlineData("28P01", "password authentication failed for user \"alice\"", "alice")]
    public void Messages_that_carry_values_lose_them(string sqlState, string message, string leaked)
    {
        var explained = PostgreSqlErrors.Explain(Error(sqlState, message))!;

        Assert.DoesNotContain(leaked, explained.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authentication_and_unreachable_servers_are_database_unavailable()
    {
        Assert.Equal(ExitCodes.DatabaseUnavailable, PostgreSqlErrors.Explain(Error("28P01", "password authentication failed"))!.ExitCode);
        Assert.Equal(ExitCodes.DatabaseUnavailable, PostgreSqlErrors.Explain(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)))!.ExitCode);
    }

    [Fact]
    public void Connection_descriptions_never_hold_the_password()
    {
        var described = PostgreSqlConnectionInfo.Describe("Host=db;Database=crm;Username=u;Password=hunter2-secret");

        Assert.DoesNotContain("hunter2", described, StringComparison.Ordinal);
        Assert.Contains("Host=db", described, StringComparison.Ordinal);
    }

    [Fact]
    public void Side_database_names_fit_postgres_identifier_limit()
    {
        var name = SideDatabaseNames.NameBeside(new string('x', 80), "__refresh_20261123120000abcd");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 63);
        Assert.EndsWith("__refresh_20261123120000abcd", name, StringComparison.Ordinal);
    }
}

public sealed class TransientErrorTests
{
    [Theory]
    [InlineData("08006", true)]   // connection failure
    [InlineData("57P01", true)]   // terminated by an administrator (pg_terminate_backend, a restart)
    [InlineData("57P03", true)]   // the server is starting up
    [InlineData("53300", true)]   // too many connections
    [InlineData("40001", true)]   // serialization failure
    [InlineData("40P01", true)]   // deadlock
    [InlineData("53100", false)]  // disk full: another attempt only fills it again
    [InlineData("42501", false)]  // permission denied
    [InlineData("42P01", false)]  // a table that does not exist
    [InlineData("23505", false)]  // a duplicate key: bad data stays bad
    public void Server_errors_are_transient_only_when_another_attempt_can_succeed(string sqlState, bool transient)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", sqlState);

        Assert.Equal(transient, PostgreSqlErrors.IsTransient(error));

        // The copy wraps driver errors in a sentence; the classification looks through it.
        Assert.Equal(transient, PostgreSqlErrors.IsTransient(PostgreSqlErrors.Explain(error, "copying public.orders")!));
    }

    [Fact]
    public void A_broken_connection_is_transient_and_an_unrelated_exception_is_not()
    {
        Assert.True(PostgreSqlErrors.IsTransient(new NpgsqlException("Exception while reading from stream", new IOException("connection reset"))));
        Assert.False(PostgreSqlErrors.IsTransient(new NpgsqlException("The operation is not valid")));
        Assert.False(PostgreSqlErrors.IsTransient(new InvalidOperationException("bug")));
    }
}

public sealed class ConnectionAddressTests
{
    [Fact]
    public void Failover_hosts_keep_their_own_ports_and_the_rest_take_the_default()
    {
        var address = PostgreSqlConnectionInfo.Parse("Host=db1:5433,db2,[::1]:6000;Port=5444;Database=crm;Password=secret", "prod").Address();

        Assert.Equal("crm", address.Database);
        Assert.Equal(
            new DatabaseEndpoint[] { new("db1", 5433), new("db2", 5444), new("::1", 6000) },
            address.Endpoints);
    }

    [Fact]
    public void Without_a_database_the_user_name_is_the_database_as_PostgreSQL_assumes() =>
        Assert.Equal("alice", PostgreSqlConnectionInfo.Parse("Host=db1;Username=alice", "prod").Address().Database);
}
