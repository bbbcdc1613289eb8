using System.Globalization;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Verification;

/// <summary>
/// Foreign keys valid and unique constraints holding, checked against the source's catalog. pg_restore's post-data
/// section created every key after the load, and PostgreSQL checked every row while creating it (a foreign key is
/// validated, a unique index is built over all rows), so a key that exists in the side database with the source's
/// definition and is valid there is proof enough — no need to read the tables again. The exception is a key the source
/// holds as NOT VALID (added with NOT VALID and never validated): pg_dump recreates it NOT VALID, so PostgreSQL never
/// looked at the rows it already had; for those the rows are checked here, with an anti-join (foreign keys) or a GROUP BY
/// (unique indexes the source has as invalid, which pg_dump leaves out altogether).
/// </summary>
internal static class PostgreSqlKeyVerifier
{
    /// <param name="sourceKeys">The source's keys, read inside its snapshot (<see cref="PostgreSqlKeyReader"/> or another engine's reader).</param>
    /// <param name="compareDefinitions">Whether the source is PostgreSQL too, so definitions compare as text; otherwise kind and columns are compared.</param>
    public static async Task<IReadOnlyList<VerificationCheck>> VerifyAsync(
        IReadOnlyList<KeyDefinition> sourceKeys, NpgsqlConnection side, bool compareDefinitions, CancellationToken cancellationToken = default)
    {
        var sideKeys = (await PostgreSqlKeyReader.ReadAsync(side, cancellationToken)).ToDictionary(key => (key.Table, key.Name, key.Kind == KeyKind.UniqueIndex));
        return await KeyChecks.ReportAsync(sourceKeys, key =>
            CheckAsync(key, sideKeys.GetValueOrDefault((key.Table, key.Name, key.Kind == KeyKind.UniqueIndex)), compareDefinitions, side, cancellationToken));
    }

    private static async Task<(CheckOutcome Outcome, string Detail)?> CheckAsync(
        KeyDefinition source, KeyDefinition? side, bool compareDefinitions, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!source.Valid)
        {
            return await CheckRowsAsync(source, connection, cancellationToken);
        }

        if (side is null)
        {
            return (CheckOutcome.Failed, $"{source.Describe()} is missing in the side database");
        }

        if (source.Kind != side.Kind || (compareDefinitions ? !string.Equals(source.Definition, side.Definition, StringComparison.Ordinal) : !SameColumns(source, side)))
        {
            return (CheckOutcome.Failed, $"{source.Describe()} is defined differently in the side database");
        }

        return side.Valid ? null : (CheckOutcome.Failed, $"{source.Describe()} is not valid in the side database");
    }

    private static bool SameColumns(KeyDefinition source, KeyDefinition side) =>
        source.Columns.SequenceEqual(side.Columns, StringComparer.Ordinal)
        && source.ReferencedTable == side.ReferencedTable
        && source.ReferencedColumns.SequenceEqual(side.ReferencedColumns, StringComparer.Ordinal);

    /// <summary>
    /// A key PostgreSQL never checked in the source. Rows that break it came from the source (or from its filters), so they
    /// are reported as a warning: failing would block every refresh until production is cleaned up.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Identifiers are quoted through PostgreSqlDialect and carry no values.")]
    private static async Task<(CheckOutcome Outcome, string Detail)?> CheckRowsAsync(KeyDefinition key, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string sql;
        string what;
        if (key.IsForeignKey && key.ReferencedTable is { } parent)
        {
            // MATCH SIMPLE, PostgreSQL's default: a row with a NULL in the key references nothing and is fine.
            var notNull = string.Join(" AND ", key.Columns.Select(column => $"c.{PostgreSqlDialect.Quote(column)} IS NOT NULL"));
            var join = string.Join(" AND ", key.Columns.Zip(key.ReferencedColumns, (column, referenced) => $"p.{PostgreSqlDialect.Quote(referenced)} = c.{PostgreSqlDialect.Quote(column)}"));
            sql = $"SELECT count(*) FROM {PostgreSqlDialect.Quote(key.Table)} c WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM {PostgreSqlDialect.Quote(parent)} p WHERE {join})";
            what = $"rows reference no row of {parent}";
        }
        else if (key.Kind == KeyKind.UniqueIndex && key.Simple && key.Columns.Count > 0)
        {
            var columns = PostgreSqlDialect.QuoteList(key.Columns);
            var notNull = string.Join(" AND ", key.Columns.Select(column => $"{PostgreSqlDialect.Quote(column)} IS NOT NULL"));
            sql = $"SELECT count(*) FROM (SELECT 1 FROM {PostgreSqlDialect.Quote(key.Table)} WHERE {notNull} GROUP BY {columns} HAVING count(*) > 1) duplicates";
            what = "values occur more than once";
        }
        else
        {
            return (CheckOutcome.Warning, $"{key.Describe()} is not valid in the source and cannot be checked row by row (expressions or a predicate)");
        }

        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        var broken = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        var checkedHow = key.IsForeignKey ? "NOT VALID in the source, checked row by row" : "invalid in the source, checked by grouping";
        return broken == 0
            ? null
            : (CheckOutcome.Warning, string.Create(CultureInfo.InvariantCulture, $"{key.Describe()} is {checkedHow}: {broken:N0} {what}"));
    }
}
