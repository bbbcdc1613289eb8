using System.Globalization;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Copy;
using DataRefresh.Providers.PostgreSql.Errors;
using DataRefresh.Providers.PostgreSql.Schema;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Sampling;

/// <summary>
/// Reads a sample of a table through the snapshot's own connection, so it sees the snapshot's point in time. Rows come
/// from all over the table: <c>TABLESAMPLE BERNOULLI</c> picks each row with the probability that gives about the wanted
/// count (from the catalog estimate), <c>SYSTEM</c> whole pages for very large tables (Bernoulli reads every page), and a
/// plain <c>LIMIT</c> serves small or never-analysed tables. <c>REPEATABLE</c> makes a rescan of unchanged data see the
/// same rows. Columns travel as binary COPY and are decoded like the copy decodes them for maskers (the same
/// <see cref="FieldCodec"/>); types that do not decode are cast to text on the server, and single values out of range are
/// <see cref="Core.Values.Undecodable.Value"/>, as in the copy.
/// </summary>
internal static class PostgreSqlRowSampler
{
    // Above this estimate Bernoulli's full scan costs more than clustered rows cost a classification.
    private const long PageSamplingRows = 5_000_000;

    // Sampling probabilities aim above the wanted count so that chance rarely leaves the sample short; LIMIT trims.
    private const double Oversampling = 1.5;

    private static readonly PostgreSqlColumnType AsText = new("text", null, NeedsTextFormat: false);

    public static async Task<IReadOnlyList<object?[]>> SampleAsync(
        NpgsqlConnection connection, TableInfo table, IReadOnlyList<PostgreSqlColumnType> types, int rows, CancellationToken cancellationToken = default)
    {
        if (rows <= 0 || table.Columns.Count == 0)
        {
            return [];
        }

        try
        {
            var sampled = await ReadAsync(connection, table, types, Sql(table, types, rows, Sampling(table, rows)), cancellationToken);

            // A stale estimate (the table grew or shrank since it was analysed) can leave a sample short; take what exists.
            if (sampled.Count < rows / 2 && Sampling(table, rows) is not null)
            {
                sampled = await ReadAsync(connection, table, types, Sql(table, types, rows, sampling: null), cancellationToken);
            }

            return sampled;
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, $"sampling {table.Name}")!;
        }
    }

    /// <summary>The TABLESAMPLE clause, or null when a plain LIMIT reads the table spread enough (it is small).</summary>
    internal static string? Sampling(TableInfo table, int rows)
    {
        if (table.EstimatedRows <= rows * 2L)
        {
            return null;
        }

        var percent = Math.Min(100.0, 100.0 * rows * Oversampling / table.EstimatedRows);
        var method = table.EstimatedRows >= PageSamplingRows ? "SYSTEM" : "BERNOULLI";
        return string.Create(CultureInfo.InvariantCulture, $"TABLESAMPLE {method} ({percent:0.######}) REPEATABLE (0)");
    }

    /// <summary>
    /// COPY takes no bind parameters: the only literals here are the percentage and row count computed above, never data.
    /// </summary>
    private static string Sql(TableInfo table, IReadOnlyList<PostgreSqlColumnType> types, int rows, string? sampling)
    {
        var columns = table.Columns.Select((column, index) =>
            new FieldCodec(types[index]).CanDecode ? PostgreSqlDialect.Quote(column.Name) : PostgreSqlDialect.Quote(column.Name) + "::text");
        var select = $"SELECT {string.Join(", ", columns)} FROM {PostgreSqlDialect.Quote(table.Name)} {sampling} LIMIT {rows.ToString(CultureInfo.InvariantCulture)}";
        return $"COPY ({select}) TO STDOUT (FORMAT binary)";
    }

    private static async Task<List<object?[]>> ReadAsync(
        NpgsqlConnection connection, TableInfo table, IReadOnlyList<PostgreSqlColumnType> types, string sql, CancellationToken cancellationToken)
    {
        var codecs = table.Columns.Select((_, index) => new FieldCodec(types[index]) is { CanDecode: true } codec ? codec : new FieldCodec(AsText)).ToArray();
        await using var exporter = await connection.BeginRawBinaryCopyAsync(sql, cancellationToken);
        return await BinaryCopyRows.ReadAsync(exporter, codecs, cancellationToken).ToListAsync(cancellationToken);
    }
}
