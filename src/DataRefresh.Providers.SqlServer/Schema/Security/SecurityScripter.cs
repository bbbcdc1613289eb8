using System.Text.RegularExpressions;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;

namespace DataRefresh.Providers.SqlServer.Schema.Security;

/// <summary>What <see cref="SecurityScripter"/> builds, and what it could not, each named for the run and the audit.</summary>
internal sealed record SecurityScript(IReadOnlyList<ScriptedStatement> Statements, IReadOnlyList<SchemaObject> NotCopied);

/// <summary>
/// <c>keepOwnership: true</c> on SQL Server: the source database's roles, users, role memberships, schema owners, owners
/// of single objects and permissions scripted for the copy, after everything else exists. Users are mapped to the target server's logins by
/// the login's name (its SID differs between servers), so no user of the copy is orphaned: a SQL user whose login the
/// target server lacks, and a contained user with a password (which is never copied), are created WITHOUT LOGIN and
/// named; a Windows, external, certificate or key user that cannot be created is not, and is named with the
/// memberships and permissions skipped for it. Nothing is dropped silently.
/// </summary>
internal static partial class SecurityScripter
{
    private static readonly HashSet<string> FixedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "db_owner", "db_accessadmin", "db_securityadmin", "db_ddladmin", "db_backupoperator",
        "db_datareader", "db_datawriter", "db_denydatareader", "db_denydatawriter", "public",
    };

    /// <param name="security">What the source holds.</param>
    /// <param name="catalog">The objects the scripter creates: a permission on anything else cannot be granted.</param>
    /// <param name="targetLogins">The logins of the target server (names, compared without case).</param>
    public static SecurityScript Script(SqlServerSecurity security, SqlServerCatalog catalog, IReadOnlySet<string> targetLogins)
    {
        var statements = new List<ScriptedStatement>();
        var notCopied = new List<SchemaObject>();
        // dbo exists in every database: an object may be handed to it explicitly.
        var created = new HashSet<string>([.. FixedRoles, "dbo"], StringComparer.OrdinalIgnoreCase);

        foreach (var principal in security.Principals)
        {
            if (CreatePrincipal(principal, targetLogins, notCopied) is { } sql)
            {
                created.Add(principal.Name);
                statements.Add(Statement($"{(principal.IsRole ? "role" : "user")} {principal.Name}", sql));
            }
        }

        foreach (var membership in security.Memberships.Where(membership => created.Contains(membership.Role) && created.Contains(membership.Member)))
        {
            statements.Add(Statement($"member {membership.Member} of {membership.Role}", $"ALTER ROLE {Q(membership.Role)} ADD MEMBER {Q(membership.Member)};"));
        }

        foreach (var owner in security.SchemaOwners.Where(owner => created.Contains(owner.Owner)))
        {
            statements.Add(Statement($"owner of schema {owner.Schema}", $"ALTER AUTHORIZATION ON SCHEMA::{Q(owner.Schema)} TO {Q(owner.Owner)};"));
        }

        var objects = ScriptedObjects(catalog);
        foreach (var owner in security.ObjectOwners.Where(owner => created.Contains(owner.Owner)))
        {
            if (objects.Contains(owner.Object))
            {
                statements.Add(Statement($"owner of {owner.Object}", $"ALTER AUTHORIZATION ON OBJECT::{SqlServerDialect.Quote(owner.Object)} TO {Q(owner.Owner)};"));
            }
            else
            {
                notCopied.Add(new("owner", $"{owner.Object} owned by {owner.Owner} (not an object this copy builds)"));
            }
        }

        foreach (var permission in security.Permissions.Where(permission => created.Contains(permission.Grantee)))
        {
            if (Grant(permission, objects) is { } sql)
            {
                statements.Add(Statement($"{permission.Permission} to {permission.Grantee}", sql));
            }
            else
            {
                notCopied.Add(new("permission", $"{permission.Permission} on {Describe(permission)} to {permission.Grantee} (not a kind of permission or object this copy builds)"));
            }
        }

        foreach (var principal in security.Principals.Where(principal => !created.Contains(principal.Name)))
        {
            var skipped = security.Memberships.Count(membership => membership.Member == principal.Name || membership.Role == principal.Name)
                + security.Permissions.Count(permission => permission.Grantee == principal.Name)
                + security.SchemaOwners.Count(owner => owner.Owner == principal.Name)
                + security.ObjectOwners.Count(owner => owner.Owner == principal.Name);
            if (skipped > 0)
            {
                notCopied.Add(new("grants", $"{skipped} membership(s), permission(s) and ownership(s) of {principal.Name}, which was not created"));
            }
        }

        return new(statements, notCopied);
    }

    private static string? CreatePrincipal(SecurityPrincipal principal, IReadOnlySet<string> targetLogins, List<SchemaObject> notCopied)
    {
        var defaultSchema = principal.DefaultSchema is { } schema ? $" WITH DEFAULT_SCHEMA = {Q(schema)}" : "";
        switch (principal.Type)
        {
            case "R":
                return $"CREATE ROLE {Q(principal.Name)};";
            case "S" when principal.HasPassword:
                notCopied.Add(new("user", $"{principal.Name}: a contained user's password is not copied; created WITHOUT LOGIN"));
                return $"CREATE USER {Q(principal.Name)} WITHOUT LOGIN{defaultSchema};";
            case "S" when principal.Login is null:
                return $"CREATE USER {Q(principal.Name)} WITHOUT LOGIN{defaultSchema};";
            case "S" when !targetLogins.Contains(principal.Login):
                notCopied.Add(new("user", $"{principal.Name}: its login {principal.Login} does not exist on the target server; created WITHOUT LOGIN (map it with ALTER USER … WITH LOGIN)"));
                return $"CREATE USER {Q(principal.Name)} WITHOUT LOGIN{defaultSchema};";
            case "S" or "U" or "G" or "E" or "X" when principal.Login is { } login && targetLogins.Contains(login):
                return $"CREATE USER {Q(principal.Name)} FOR LOGIN {Q(login)}{defaultSchema};";
            case "U" or "G" or "E" or "X":
                notCopied.Add(new("user", $"{principal.Name}: its login does not exist on the target server, and a Windows or external user cannot be created without one"));
                return null;
            default:
                notCopied.Add(new("user", $"{principal.Name}: users mapped to a certificate or an asymmetric key are not copied"));
                return null;
        }
    }

    private static string? Grant(SecurityPermission permission, HashSet<QualifiedName> objects)
    {
        // Permission names come from the catalog; they are keywords (no quoting exists for them), so only their known shape passes.
        if (!PermissionName().IsMatch(permission.Permission))
        {
            return null;
        }

        var on = permission switch
        {
            { Class: "DATABASE" } => "",
            { Class: "SCHEMA", Schema: { } schema } => $" ON SCHEMA::{Q(schema)}",
            { Class: "OBJECT_OR_COLUMN", Object: { } name } when objects.Contains(name) =>
                $" ON OBJECT::{SqlServerDialect.Quote(name)}{(permission.Column is { } column ? $" ({Q(column)})" : "")}",
            _ => null,
        };
        return on is null
            ? null
            : $"{(permission.State == "D" ? "DENY" : "GRANT")} {permission.Permission}{on} TO {Q(permission.Grantee)}{(permission.State == "W" ? " WITH GRANT OPTION" : "")};";
    }

    private static HashSet<QualifiedName> ScriptedObjects(SqlServerCatalog catalog) =>
    [
        .. catalog.Tables.Select(table => table.Name), .. catalog.Modules.Select(module => module.Name),
        .. catalog.Sequences.Select(sequence => sequence.Name), .. catalog.Synonyms.Select(synonym => synonym.Name),
    ];

    private static string Describe(SecurityPermission permission) =>
        permission.Object is { } name ? $"{name}{(permission.Column is { } column ? $".{column}" : "")}" : permission.Schema ?? permission.Class.ToLowerInvariant();

    private static ScriptedStatement Statement(string what, string sql) => new(SchemaSection.PostData, null, what, sql);

    private static string Q(string name) => SqlServerDialect.Quote(name);

    [GeneratedRegex("^[A-Z]+( [A-Z]+)*$")]
    private static partial Regex PermissionName();
}
