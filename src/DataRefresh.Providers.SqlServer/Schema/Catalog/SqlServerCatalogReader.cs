using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>Reads a source database's catalog (<see cref="CatalogQueries"/>) on the snapshot's connection, inside its transaction when it has one.</summary>
internal static class SqlServerCatalogReader
{
    public static async Task<SqlServerSourceSchema> ReadAsync(SqlConnection connection, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var results = new List<IReadOnlyList<object?[]>>();
        foreach (var query in CatalogQueries.All)
        {
            await using var command = SqlServerCommands.Create(query, connection, transaction);
            results.Add(await SqlServerCommands.RowsAsync(command, cancellationToken));
        }

        return CatalogAssembler.Assemble(CatalogRows.From(results));
    }
}
