namespace DataRefresh.Providers.SqlServer.Schema.Security;

/// <summary>
/// The catalog queries behind <see cref="SqlServerSecurity"/>, read by position as their comments say. Principal ids 0–4
/// are public, dbo, guest, INFORMATION_SCHEMA and sys, which every database has; fixed roles are left out as principals
/// but kept as roles members belong to. A login that cannot see other principals (no VIEW DEFINITION) reads only itself.
/// </summary>
internal static class SecurityQueries
{
    /// <summary>name, type, login name (by SID on this server), default schema, authentication_type — users and roles.</summary>
    public const string Principals =
        "SELECT dp.name, dp.type, sp.name, dp.default_schema_name, dp.authentication_type " +
        "FROM sys.database_principals AS dp LEFT JOIN sys.server_principals AS sp ON sp.sid = dp.sid " +
        "WHERE dp.principal_id >= 5 AND dp.is_fixed_role = 0 AND dp.type IN ('S', 'U', 'G', 'E', 'X', 'C', 'K', 'R') ORDER BY dp.name;";

    /// <summary>role, member — every membership of a principal other than the built-in ones.</summary>
    public const string Memberships =
        "SELECT r.name, m.name FROM sys.database_role_members AS rm " +
        "JOIN sys.database_principals AS r ON r.principal_id = rm.role_principal_id " +
        "JOIN sys.database_principals AS m ON m.principal_id = rm.member_principal_id " +
        "WHERE m.principal_id >= 5 ORDER BY 1, 2;";

    /// <summary>schema, owner — user schemas owned by someone other than dbo.</summary>
    public const string SchemaOwners =
        "SELECT s.name, p.name FROM sys.schemas AS s JOIN sys.database_principals AS p ON p.principal_id = s.principal_id " +
        "WHERE s.schema_id BETWEEN 5 AND 16383 AND s.principal_id <> 1 ORDER BY 1;";

    /// <summary>
    /// class_desc, state, permission_name, grantee, object schema, object name, column name, schema name — grants and
    /// denies to anyone but dbo, except the CONNECT every user is granted when created.
    /// </summary>
    public const string Permissions =
        "SELECT p.class_desc, p.state, p.permission_name, g.name, SCHEMA_NAME(o.schema_id), o.name, c.name, s.name " +
        "FROM sys.database_permissions AS p JOIN sys.database_principals AS g ON g.principal_id = p.grantee_principal_id " +
        "LEFT JOIN sys.objects AS o ON p.class = 1 AND o.object_id = p.major_id " +
        "LEFT JOIN sys.columns AS c ON p.class = 1 AND p.minor_id > 0 AND c.object_id = p.major_id AND c.column_id = p.minor_id " +
        "LEFT JOIN sys.schemas AS s ON p.class = 3 AND s.schema_id = p.major_id " +
        "WHERE p.state IN ('G', 'W', 'D') AND g.principal_id <> 1 AND NOT (p.class = 0 AND p.permission_name = N'CONNECT' AND p.state = 'G') " +
        "AND (o.object_id IS NULL OR o.is_ms_shipped = 0) ORDER BY 4, 1, 5, 6, 7, 8, 3;";

    /// <summary>
    /// object schema, object name, owner — objects with an owner of their own (sys.objects.principal_id is NULL for an
    /// object its schema's owner owns), not the parts of a table (keys, constraints, triggers follow their table).
    /// </summary>
    public const string ObjectOwners =
        "SELECT SCHEMA_NAME(o.schema_id), o.name, p.name FROM sys.objects AS o JOIN sys.database_principals AS p ON p.principal_id = o.principal_id " +
        "WHERE o.is_ms_shipped = 0 AND o.parent_object_id = 0 ORDER BY 1, 2;";

    public static IReadOnlyList<string> All { get; } = [Principals, Memberships, SchemaOwners, Permissions, ObjectOwners];

    /// <summary>name — on the target server, the logins users can be mapped to (a login sees them all with VIEW ANY DEFINITION).</summary>
    public const string TargetLogins = "SELECT name FROM sys.server_principals WHERE type IN ('S', 'U', 'G', 'E', 'X');";
}
