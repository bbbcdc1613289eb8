using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer.Schema.Security;

// Who may do what in the source database, as its catalog says (sys.database_principals, sys.database_role_members,
// sys.schemas, sys.objects, sys.database_permissions): what `keepOwnership: true` copies. Names only, never a password or a row.

/// <summary>
/// A database user or role. <paramref name="Type"/> is sys.database_principals.type: S (SQL user), U (Windows user),
/// G (Windows group), E and X (external user and group), C and K (mapped to a certificate or key), R (role).
/// <paramref name="Login"/> is the server login it is mapped to on the source server (by SID), if any;
/// <paramref name="HasPassword"/> says it is a contained user with a password of its own.
/// </summary>
internal sealed record SecurityPrincipal(string Name, string Type, string? Login = null, string? DefaultSchema = null, bool HasPassword = false)
{
    public bool IsRole => Type == "R";
}

/// <summary>A member of a database role (the role may be a fixed one such as db_datareader).</summary>
internal sealed record SecurityMembership(string Role, string Member);

/// <summary>A schema owned by a principal other than dbo.</summary>
internal sealed record SecuritySchemaOwner(string Schema, string Owner);

/// <summary>An object (table, view, module, sequence, synonym) given an owner of its own instead of its schema's.</summary>
internal sealed record SecurityObjectOwner(QualifiedName Object, string Owner);

/// <summary>
/// One row of sys.database_permissions: <paramref name="Class"/> is its class_desc (DATABASE, OBJECT_OR_COLUMN, SCHEMA,
/// or another the scripter names as not copied); <paramref name="State"/> G (grant), W (grant with grant option) or D
/// (deny); <paramref name="Permission"/> its permission_name (SELECT, EXECUTE, VIEW DEFINITION…). An object permission
/// names <paramref name="Object"/> and, on one column, <paramref name="Column"/>; a schema permission <paramref name="Schema"/>.
/// </summary>
internal sealed record SecurityPermission(string Class, string State, string Permission, string Grantee, QualifiedName? Object = null, string? Column = null, string? Schema = null);

/// <summary>Everything <see cref="SecurityScripter"/> copies for <c>keepOwnership: true</c>.</summary>
internal sealed record SqlServerSecurity(
    IReadOnlyList<SecurityPrincipal> Principals,
    IReadOnlyList<SecurityMembership> Memberships,
    IReadOnlyList<SecuritySchemaOwner> SchemaOwners,
    IReadOnlyList<SecurityPermission> Permissions)
{
    public static SqlServerSecurity None { get; } = new([], [], [], []);

    public IReadOnlyList<SecurityObjectOwner> ObjectOwners { get; init; } = [];
}
