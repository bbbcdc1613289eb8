using DataRefresh.Core.Errors;
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
