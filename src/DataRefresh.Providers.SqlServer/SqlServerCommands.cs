using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer;

/// <summary>The one place the provider makes commands: without a timeout (a refresh's statements run as long as they need; cancellation stops them), rows read as values with SQL NULL as null.</summary>
internal static class SqlServerCommands
{
    [SuppressMessage("Security", "CA2100", Justification = "Statements are built from bracket-quoted names (SqlServerDialect.Quote) and the provider's own text; values are parameters.")]
    public static SqlCommand Create(string sql, SqlConnection connection, SqlTransaction? transaction = null) => new(sql, connection, transaction) { CommandTimeout = 0 };

    public static async Task ExecuteAsync(SqlConnection connection, string sql, CancellationToken cancellationToken, SqlTransaction? transaction = null)
    {
        await using var command = Create(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every row of a query, each value as the driver gives it and SQL NULL as null.</summary>
    public static async Task<IReadOnlyList<object?[]>> RowsAsync(SqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var column = 0; column < row.Length; column++)
            {
                row[column] = await reader.IsDBNullAsync(column, cancellationToken) ? null : reader.GetValue(column);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The rows of each catalog query in turn, on one connection (inside its transaction when it has one).</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<object?[]>>> RowsOfEachAsync(
        IEnumerable<string> queries, SqlConnection connection, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var results = new List<IReadOnlyList<object?[]>>();
        foreach (var query in queries)
        {
            await using var command = Create(query, connection, transaction);
            results.Add(await RowsAsync(command, cancellationToken));
        }

        return results;
    }
}
