using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Security;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Providers.SqlServer.Tests.SchemaModel;

/// <summary>
/// keepOwnership on SQL Server without a server: the security queries, and what the scripter makes of a source's users,
/// roles, memberships, schema and object owners and permissions for a target server with some of the logins — mapped by name,
/// created WITHOUT LOGIN, or not created, and always named when not copied as it was.
/// </summary>
public sealed class SecurityScripterTests
{
    private static SqlServerSecurity Source() => SecurityReader.FromRows(
        principals:
        [
            ["app", "S ", "app_login", "crm", 1],
            ["CORP\\ann", "U ", "CORP\\ann", null, 3],
            ["crm_readers", "R ", null, null, 0],
            ["legacy", "S ", "old_login", null, 1],
            ["reporting", "S ", null, "crm", 0],
            ["self_contained", "S ", null, null, 2],
            ["signer", "C ", null, null, 0],
        ],
        memberships: [["crm_readers", "app"], ["crm_readers", "CORP\\ann"], ["db_datareader", "reporting"]],
        schemaOwners: [["crm", "app"]],
        permissions:
        [
            ["SCHEMA", "G ", "SELECT", "crm_readers", null, null, null, "crm"],
            ["OBJECT_OR_COLUMN", "D ", "SELECT", "crm_readers", "crm", "Customers", "Email", null],
            ["DATABASE", "W ", "VIEW DEFINITION", "reporting", null, null, null, null],
            ["OBJECT_OR_COLUMN", "G ", "EXECUTE", "app", "crm", "Gone", null, null],
            ["TYPE", "G ", "REFERENCES", "app", null, null, null, null],
            ["OBJECT_OR_COLUMN", "G ", "SELECT", "CORP\\ann", "crm", "Customers", null, null],
            ["DATABASE", "G ", "SELECT; DROP TABLE x", "reporting", null, null, null, null],
        ],
        objectOwners: [["crm", "ActiveCustomers", "crm_readers"], ["crm", "Customers", "dbo"], ["crm", "Gone", "app"], ["crm", "Orders", "CORP\\ann"]]);

    private static SecurityScript Script() =>
        SecurityScripter.Script(Source(), SampleCrmCatalog.Create(), new HashSet<string>(["APP_LOGIN"], StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Every_security_query_parses_as_T_SQL_and_only_selects()
    {
        foreach (var query in SecurityQueries.All.Append(SecurityQueries.TargetLogins))
        {
            Assert.All(TSql.Statements(query), statement => Assert.IsType<SelectStatement>(statement));
        }
    }

    [Fact]
    public void Users_are_mapped_to_the_target_server_s_logins_by_name_and_every_grant_follows_them()
    {
        Assert.Equal(
            [
                "CREATE USER [app] FOR LOGIN [app_login] WITH DEFAULT_SCHEMA = [crm];",
                "CREATE ROLE [crm_readers];",
                "CREATE USER [legacy] WITHOUT LOGIN;",
                "CREATE USER [reporting] WITHOUT LOGIN WITH DEFAULT_SCHEMA = [crm];",
                "CREATE USER [self_contained] WITHOUT LOGIN;",
                "ALTER ROLE [crm_readers] ADD MEMBER [app];",
                "ALTER ROLE [db_datareader] ADD MEMBER [reporting];",
                "ALTER AUTHORIZATION ON SCHEMA::[crm] TO [app];",
                "ALTER AUTHORIZATION ON OBJECT::[crm].[ActiveCustomers] TO [crm_readers];",
                "ALTER AUTHORIZATION ON OBJECT::[crm].[Customers] TO [dbo];",
                "GRANT SELECT ON SCHEMA::[crm] TO [crm_readers];",
                "DENY SELECT ON OBJECT::[crm].[Customers] ([Email]) TO [crm_readers];",
                "GRANT VIEW DEFINITION TO [reporting] WITH GRANT OPTION;",
            ],
            Script().Statements.Select(statement => statement.Sql));
    }

    [Fact]
    public void Every_statement_parses_as_T_SQL_and_runs_after_everything_else()
    {
        foreach (var statement in Script().Statements)
        {
            Assert.Single(TSql.Statements(statement.Sql));
            Assert.Equal((SchemaSection.PostData, null), (statement.Section, statement.Table));
        }
    }

    [Fact]
    public void What_is_not_copied_as_it_was_is_named_and_nothing_is_dropped_silently()
    {
        Assert.Equal(
            [
                "user CORP\\ann: its login does not exist on the target server, and a Windows or external user cannot be created without one",
                "user legacy: its login old_login does not exist on the target server; created WITHOUT LOGIN (map it with ALTER USER … WITH LOGIN)",
                "user self_contained: a contained user's password is not copied; created WITHOUT LOGIN",
                "user signer: users mapped to a certificate or an asymmetric key are not copied",
                "owner crm.Gone owned by app (not an object this copy builds)",
                "permission EXECUTE on crm.Gone to app (not a kind of permission or object this copy builds)",
                "permission REFERENCES on type to app (not a kind of permission or object this copy builds)",
                "permission SELECT; DROP TABLE x on database to reporting (not a kind of permission or object this copy builds)",
                "grants 3 membership(s), permission(s) and ownership(s) of CORP\\ann, which was not created",
            ],
            Script().NotCopied.Select(item => item.ToString()));
    }

    [Fact]
    public void Without_the_login_on_the_target_server_a_SQL_user_keeps_its_grants_but_no_login()
    {
        var script = SecurityScripter.Script(Source(), SampleCrmCatalog.Create(), new HashSet<string>(StringComparer.OrdinalIgnoreCase));

        Assert.Contains("CREATE USER [app] WITHOUT LOGIN WITH DEFAULT_SCHEMA = [crm];", script.Statements.Select(statement => statement.Sql));
        Assert.Contains("ALTER AUTHORIZATION ON SCHEMA::[crm] TO [app];", script.Statements.Select(statement => statement.Sql));
        Assert.Contains(script.NotCopied, item => item.ToString().StartsWith("user app: its login app_login does not exist", StringComparison.Ordinal));
    }
}
