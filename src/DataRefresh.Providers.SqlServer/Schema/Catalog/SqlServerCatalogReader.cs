using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>Reads a source database's catalog (<see cref="CatalogQueries"/>) on the snapshot's connection, inside its transaction when it has one.</summary>
internal static class SqlServerCatalogReader
{
    public static async Task<SqlServerSourceSchema> ReadAsync(SqlConnection connection, SqlTransaction? transaction, CancellationToken cancellationToken) =>
        CatalogAssembler.Assemble(CatalogRows.From(await SqlServerCommands.RowsOfEachAsync(CatalogQueries.All, connection, transaction, cancellationToken)));
}
