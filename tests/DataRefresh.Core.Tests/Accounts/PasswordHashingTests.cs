using DataRefresh.Core.Accounts;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Tests.Accounts;

public sealed class PasswordHashingTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_never_holds_it()
    {
        const string password = "correct horse battery";
        var hash = PasswordHashing.Hash(password);

        Assert.True(PasswordHashing.Verify(password, hash));
        Assert.False(PasswordHashing.Verify("correct horse batterY", hash));
        Assert.DoesNotContain("horse", hash, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal);

        // Salted: the same password hashes differently each time.
        Assert.NotEqual(hash, PasswordHashing.Hash(password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void A_stored_value_of_another_form_verifies_nothing(string stored) =>
        Assert.False(PasswordHashing.Verify("anything at all", stored));

    [Fact]
    public void Roles_are_checked_deduplicated_and_ordered()
    {
        Assert.Equal([ConsoleRoles.Dba, ConsoleRoles.Reviewer], ConsoleRoles.Parse(["Reviewer", "dba", "reviewer"], "--role"));

        var unknown = Assert.Throws<DataRefreshException>(() => ConsoleRoles.Parse(["admin"], "--role"));
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Equal("--role: 'admin' is not a console role; the roles are dba, developer, reviewer.", unknown.Message);
        Assert.Throws<DataRefreshException>(() => ConsoleRoles.Parse([], "--role"));
    }
}
