using DataRefresh.Core.Errors;
using DataRefresh.Providers.PostgreSql.Ddl;

namespace DataRefresh.Providers.PostgreSql.Tests.Ddl;

public sealed class PostgreSqlToolsTests : IDisposable
{
    // A PATH folder and a Debian-like /usr/lib/postgresql of versioned folders, made of empty files and links.
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("datarefresh-tools-");

    private string PathFolder => Path.Combine(root.FullName, "bin");

    private string DebianRoot => Path.Combine(root.FullName, "lib");

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

    [Fact]
    public void Debians_version_wrapper_on_the_path_is_passed_over_for_the_newest_installed_program()
    {
        var wrapper = Touch("share", "pg_wrapper");
        Directory.CreateDirectory(PathFolder);
        File.CreateSymbolicLink(Path.Combine(PathFolder, "pg_dump"), wrapper);
        Touch("lib", "13", "bin", "pg_dump");
        var newest = Touch("lib", "15", "bin", "pg_dump");

        Assert.Equal(newest, PostgreSqlTools.Find("pg_dump", [PathFolder], DebianRoot));
    }

    [Fact]
    public void A_program_of_its_own_on_the_path_is_used_as_it_is()
    {
        var own = Touch("bin", "pg_dump");
        Touch("lib", "15", "bin", "pg_dump");

        Assert.Equal(own, PostgreSqlTools.Find("pg_dump", [PathFolder], DebianRoot));
    }

    [Fact]
    public void The_wrapper_is_kept_when_no_versioned_program_is_installed()
    {
        var wrapper = Touch("share", "pg_wrapper");
        Directory.CreateDirectory(PathFolder);
        var link = Path.Combine(PathFolder, "pg_restore");
        File.CreateSymbolicLink(link, wrapper);
        Touch("lib", "15", "bin", "pg_dump");

        Assert.Equal(link, PostgreSqlTools.Find("pg_restore", [PathFolder], DebianRoot));
    }

    [Fact]
    public void Without_the_program_on_the_path_the_newest_installed_version_is_found()
    {
        Touch("lib", "9", "bin", "pg_dump");
        var newest = Touch("lib", "16", "bin", "pg_dump");

        Assert.Equal(newest, PostgreSqlTools.Find("pg_dump", [PathFolder], DebianRoot));
        Assert.Null(PostgreSqlTools.Find("pg_restore", [PathFolder], DebianRoot));
    }

    public void Dispose() => root.Delete(recursive: true);

    private string Touch(params string[] parts)
    {
        var path = Path.Combine([root.FullName, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }
}
