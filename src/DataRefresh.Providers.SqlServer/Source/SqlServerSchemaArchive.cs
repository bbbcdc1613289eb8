using DataRefresh.Core.Providers;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Providers.SqlServer.Schema.Security;

namespace DataRefresh.Providers.SqlServer.Source;

/// <summary>
/// The SQL Server source's native schema archive (<see cref="SchemaExport.NativeArchive"/>): the catalog a SQL Server
/// target scripts itself from, what no script builds (named by the target before data moves), and the database's
/// collation, which the side database takes before any object exists; and its users, roles and permissions, copied
/// when the job keeps ownership.
/// </summary>
internal sealed record SqlServerSchemaArchive(SqlServerCatalog Catalog, IReadOnlyList<SchemaObject> NotScripted, string Collation, SqlServerSecurity Security);
