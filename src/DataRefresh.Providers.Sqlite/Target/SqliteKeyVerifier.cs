using System.Globalization;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Verification;
using DataRefresh.Providers.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Target;

/// <summary>
/// Checks the side file's keys against the source's. A unique key built after the load was built over every row, so its
/// presence with the source's columns proves it holds; a primary key is matched by kind (a table has one, and SQLite keeps
/// no name for it), a foreign key by its columns and parent (SQLite keeps no name either). SQLite did not check foreign
/// keys while loading, so their rows are checked here with <c>pragma_foreign_key_check</c>: a broken one fails, unless the
/// source did not hold it either (then it is a warning, as on PostgreSQL for NOT VALID keys).
/// </summary>
internal static class SqliteKeyVerifier
{
    public static async Task<IReadOnlyList<VerificationCheck>> VerifyAsync(IReadOnlyList<KeyDefinition> sourceKeys, SqliteConnection side, CancellationToken cancellationToken = default)
    {
        var sideKeys = new Dictionary<string, IReadOnlyList<KeyDefinition>>(StringComparer.Ordinal);
        foreach (var table in sourceKeys.Select(key => SqliteDialect.LocalName(key.Table)).Distinct(StringComparer.Ordinal))
        {
            sideKeys[table] = await SqliteSchemaReader.ReadKeysAsync(side, table, checkRows: false, cancellationToken);
        }

        return await KeyChecks.ReportAsync(sourceKeys, key =>
        {
            var table = SqliteDialect.LocalName(key.Table);
            return CheckAsync(key, sideKeys[table], side, table, cancellationToken);
        });
    }

    private static async Task<(CheckOutcome Outcome, string Detail)?> CheckAsync(
        KeyDefinition source, IReadOnlyList<KeyDefinition> sideKeys, SqliteConnection side, string table, CancellationToken cancellationToken)
    {
        if (source.IsForeignKey)
        {
            var parent = SqliteDialect.LocalName(source.ReferencedTable!);
            var match = sideKeys.FirstOrDefault(key => key.IsForeignKey && key.ReferencedTable!.Name == parent
                && key.Columns.SequenceEqual(source.Columns, StringComparer.Ordinal) && key.ReferencedColumns.SequenceEqual(source.ReferencedColumns, StringComparer.Ordinal));
            if (match is null)
            {
                return (CheckOutcome.Failed, $"{source.Describe()} is missing in the side database");
            }

            var broken = await CountBrokenAsync(side, table, parent, cancellationToken);
            return broken == 0 ? null
                : (source.Valid ? CheckOutcome.Failed : CheckOutcome.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"{source.Describe()}{(source.Valid ? "" : " (broken in the source too)")}: {broken:N0} rows reference no row of {source.ReferencedTable}"));
        }

        var sameName = source.Kind == KeyKind.PrimaryKey
            ? sideKeys.FirstOrDefault(key => key.Kind == KeyKind.PrimaryKey)
            : sideKeys.FirstOrDefault(key => key.Kind != KeyKind.PrimaryKey && !key.IsForeignKey && key.Name == source.Name);
        // A SQLite source's unnamed UNIQUE constraints are named by their automatic index, which the copy's may not share.
        var candidate = sameName ?? sideKeys.FirstOrDefault(key => !key.IsForeignKey && key.Kind != KeyKind.PrimaryKey && key.Columns.SequenceEqual(source.Columns, StringComparer.Ordinal));
        if (candidate is null)
        {
            return (CheckOutcome.Failed, $"{source.Describe()} is missing in the side database");
        }

        return candidate.Columns.SequenceEqual(source.Columns, StringComparer.Ordinal) && candidate.Simple == source.Simple
            ? null
            : (CheckOutcome.Failed, $"{source.Describe()} is defined differently in the side database");
    }

    private static async Task<long> CountBrokenAsync(SqliteConnection side, string table, string parent, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create("SELECT count(*) FROM pragma_foreign_key_check(@table) WHERE parent = @parent", side);
        command.Parameters.AddWithValue("@table", table);
        command.Parameters.AddWithValue("@parent", parent);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
