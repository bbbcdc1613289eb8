using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Tests.Providers;

public sealed class DatabaseAddressTests
{
    private static DatabaseAddress At(string host, int port, string database) => new([new DatabaseEndpoint(host, port)], database);

    [Theory]
    [InlineData("127.0.0.1", "localhost")]
    [InlineData("localhost", "LOCALHOST.")]
    [InlineData("::1", "127.0.0.1")]
    [InlineData("[::1]", "localhost")]
    [InlineData("db.example.internal", "DB.Example.Internal.")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    public async Task Spellings_of_one_host_are_the_same_place(string production, string target) =>
        Assert.True(await At(production, 5432, "crm").IsSamePlaceAsync(At(target, 5432, "crm"), TestContext.Current.CancellationToken));

    [Theory]
    [InlineData("10.1.2.3", 5432, "crm_staging")]   // another database on the same server
    [InlineData("10.1.2.3", 5433, "crm")]           // another server on the same machine
    [InlineData("10.1.2.4", 5432, "crm")]           // another machine
    [InlineData("/var/run/postgresql", 5432, "crm")] // a socket: only the identity check can tell
    public async Task Another_database_server_or_machine_is_not(string host, int port, string database) =>
        Assert.False(await At("10.1.2.3", 5432, "crm").IsSamePlaceAsync(At(host, port, database), TestContext.Current.CancellationToken));

    [Fact]
    public async Task Any_shared_endpoint_of_a_failover_list_is_enough()
    {
        var production = new DatabaseAddress([new DatabaseEndpoint("10.0.0.1", 5432), new DatabaseEndpoint("10.0.0.2", 5432)], "crm");

        Assert.True(await production.IsSamePlaceAsync(At("10.0.0.2", 5432, "crm"), TestContext.Current.CancellationToken));
        Assert.False(await production.IsSamePlaceAsync(At("10.0.0.3", 5432, "crm"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Database_names_are_compared_exactly_as_the_server_does() =>
        Assert.False(await At("10.0.0.1", 5432, "crm").IsSamePlaceAsync(At("10.0.0.1", 5432, "CRM"), TestContext.Current.CancellationToken));
}
