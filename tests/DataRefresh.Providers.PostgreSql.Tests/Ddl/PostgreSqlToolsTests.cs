using DataRefresh.Core.Errors;
using DataRefresh.Providers.PostgreSql.Ddl;

namespace DataRefresh.Providers.PostgreSql.Tests.Ddl;

public sealed class PostgreSqlToolsTests
{
    [Fact]
    public void A_missing_program_is_named_with_the_Debian_package_that_ships_it()
    {
        var server = Assert.Throws<DataRefreshException>(() => PostgreSqlTools.Find("no-such-initdb", debianPackage: "postgresql"));
        var client = Assert.Throws<DataRefreshException>(() => PostgreSqlTools.Find("no-such-pg_dump"));

        Assert.Equal(ExitCodes.ExternalToolFailed, server.ExitCode);
        Assert.Contains("'no-such-initdb'", server.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql)", server.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql-client)", client.Message, StringComparison.Ordinal);
    }
}
