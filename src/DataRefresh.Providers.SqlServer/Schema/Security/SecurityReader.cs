using DataRefresh.Core.Schema;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Schema.Security;

/// <summary>Reads <see cref="SqlServerSecurity"/> from a source database (<see cref="SecurityQueries"/>), rows into records.</summary>
internal static class SecurityReader
{
    public static async Task<SqlServerSecurity> ReadAsync(SqlConnection connection, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var results = await SqlServerCommands.RowsOfEachAsync(SecurityQueries.All, connection, transaction, cancellationToken);
        return FromRows(results[0], results[1], results[2], results[3], results[4]);
    }

    /// <summary>The queries' rows, in their column order, as records (tests build the rows a server would return).</summary>
    public static SqlServerSecurity FromRows(
        IReadOnlyList<object?[]> principals, IReadOnlyList<object?[]> memberships, IReadOnlyList<object?[]> schemaOwners, IReadOnlyList<object?[]> permissions,
        IReadOnlyList<object?[]>? objectOwners = null) =>
        new(
            [.. principals.Select(row => new SecurityPrincipal((string)row[0]!, ((string)row[1]!).Trim(), row[2] as string, row[3] as string, Convert.ToInt32(row[4], System.Globalization.CultureInfo.InvariantCulture) == 2))],
            [.. memberships.Select(row => new SecurityMembership((string)row[0]!, (string)row[1]!))],
            [.. schemaOwners.Select(row => new SecuritySchemaOwner((string)row[0]!, (string)row[1]!))],
            [.. permissions.Select(row => new SecurityPermission(
                (string)row[0]!, ((string)row[1]!).Trim(), ((string)row[2]!).Trim(), (string)row[3]!,
                row[4] is string schema && row[5] is string name ? new QualifiedName(schema, name) : null, row[6] as string, row[7] as string))])
        {
            ObjectOwners = [.. (objectOwners ?? []).Select(row => new SecurityObjectOwner(new QualifiedName((string)row[0]!, (string)row[1]!), (string)row[2]!))],
        };
}
