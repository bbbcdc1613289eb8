using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.SqlServer.Connections;

namespace DataRefresh.Providers.SqlServer.Tests.Connections;

/// <summary>
/// The production guard compares where connection strings lead before connecting: every spelling SQL Server's client
/// accepts for one place must come out as the same place, and different places must not.
/// </summary>
public sealed class SqlServerAddressTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static DatabaseAddress Address(string connectionString) => SqlServerAddress.Parse(connectionString, "prod");

    [Theory]
    [InlineData("Server=db1;Database=CRM", "Data Source=tcp:DB1,1433;Initial Catalog=crm")]
    [InlineData("Server=db1\\MSSQLSERVER;Database=crm", "Server=db1;Database=crm")]
    [InlineData("Server=.;Database=crm", "Server=tcp:127.0.0.1,1433;Database=crm")]
    [InlineData("Server=(local);Database=crm", "Server=localhost;Database=crm")]
    [InlineData("Server=lpc:.;Database=crm", "Server=tcp:[::1],1433;Database=crm")]
    [InlineData("Server=db1\\SALES;Database=crm", "Address=np:\\\\DB1\\pipe\\MSSQL$sales\\sql\\query;Database=crm")]
    [InlineData("Server=np:\\\\db1\\pipe\\sql\\query;Database=crm", "Server=db1,1433;Database=crm")]
    [InlineData("Server=db1\\SALES,14330;Database=crm", "Server=tcp:db1,14330;Database=crm")]
    [InlineData("Server=admin:db1;Database=crm", "Server=db1;Database=crm")]
    [InlineData("Server=other;Failover Partner=db1;Database=crm", "Server=db1;Database=crm")]
    public async Task Spellings_of_one_server_and_database_are_the_same_place(string one, string other)
    {
        Assert.True(await Address(one).IsSamePlaceAsync(Address(other), Token));
        Assert.True(await Address(other).IsSamePlaceAsync(Address(one), Token));
    }

    [Theory]
    [InlineData("Server=db1;Database=crm", "Server=db1;Database=crm_staging")]
    [InlineData("Server=db1;Database=crm", "Server=db1,14330;Database=crm")]
    [InlineData("Server=db1\\SALES;Database=crm", "Server=db1\\HR;Database=crm")]
    [InlineData("Server=db1\\SALES;Database=crm", "Server=db1;Database=crm")]
    [InlineData("Server=(localdb)\\MSSQLLocalDB;Database=crm", "Server=.;Database=crm")]
    public async Task Different_servers_instances_ports_or_databases_are_different_places(string one, string other) =>
        Assert.False(await Address(one).IsSamePlaceAsync(Address(other), Token));

    [Theory]
    [InlineData("Server=db1", "names no database")]
    [InlineData("Database=crm", "names no server")]
    [InlineData("Server=db1,99999;Database=crm", "port of server 'db1,99999'")]
    [InlineData("Server=np:\\\\db1\\share;Database=crm", "not a named pipe")]
    [InlineData("Server=db1;Database=crm;Frobnicate=yes", "not a valid SQL Server connection string")]
    public void A_connection_string_the_guard_cannot_place_is_refused_with_the_environment_named(string connectionString, string why)
    {
        var error = Assert.Throws<DataRefreshException>(() => Address(connectionString));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("environment 'prod'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_never_reaches_a_description_or_an_error()
    {
        var described = SqlServerConnectionStrings.Describe("Server=db1;Database=crm;User ID=refresh;Password=s3cret!pw", "prod");
        var error = Assert.Throws<DataRefreshException>(() => SqlServerConnectionStrings.Read("Server=db1;Password=s3cret!pw;Bogus Key=x", "prod"));

        Assert.DoesNotContain("s3cret", described, StringComparison.Ordinal);
        Assert.Contains("User ID=refresh", described, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }
}
