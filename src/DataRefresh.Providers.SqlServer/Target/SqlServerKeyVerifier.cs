using DataRefresh.Core.Providers;
using DataRefresh.Core.Verification;

namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// Checks the side database's keys against the source's: each key must exist under its name on its table. From a SQL
/// Server source both are read from the catalog in the same canonical text (<see cref="Schema.Catalog.CatalogAssembler"/>)
/// and must be defined alike; from another engine's model the definitions are each engine's own, so the key must have
/// the same columns (and, for a foreign key, reference the same table and columns), a unique key may have become a
/// filtered unique index (<see cref="Schema.NeutralScripter"/>), and a primary key must still be one. Keys were built
/// after the load (foreign keys WITH CHECK), so a key that exists holds over every row, and a foreign key the server
/// trusts was checked row by row; one the source did not trust is a warning when it is not trusted here either.
/// </summary>
internal static class SqlServerKeyVerifier
{
    public static Task<IReadOnlyList<VerificationCheck>> VerifyAsync(IReadOnlyList<KeyDefinition> sourceKeys, IReadOnlyList<KeyDefinition> sideKeys, bool sameEngine)
    {
        var side = sideKeys.ToDictionary(key => (key.Table, key.Name));
        return KeyChecks.ReportAsync(sourceKeys, source => Task.FromResult(Check(source, side.GetValueOrDefault((source.Table, source.Name)), sameEngine)));
    }

    private static (CheckOutcome Outcome, string Detail)? Check(KeyDefinition source, KeyDefinition? copy, bool sameEngine)
    {
        if (copy is null)
        {
            return (CheckOutcome.Failed, $"{source.Describe()} is missing in the side database");
        }

        if (sameEngine ? copy.Kind != source.Kind || !string.Equals(copy.Definition, source.Definition, StringComparison.Ordinal) : !Alike(source, copy))
        {
            return (CheckOutcome.Failed, $"{source.Describe()} is defined differently in the side database");
        }

        return copy.Valid ? null
            : source.Valid ? (CheckOutcome.Failed, $"{source.Describe()} is not trusted in the side database")
            : (CheckOutcome.Warning, $"{source.Describe()} is not trusted, as in the source");
    }

    private static bool Alike(KeyDefinition source, KeyDefinition copy) =>
        (source.Kind == copy.Kind || (source.Kind is KeyKind.UniqueConstraint or KeyKind.UniqueIndex && copy.Kind is KeyKind.UniqueConstraint or KeyKind.UniqueIndex))
        && source.Columns.SequenceEqual(copy.Columns, StringComparer.Ordinal)
        && source.ReferencedTable == copy.ReferencedTable
        && source.ReferencedColumns.SequenceEqual(copy.ReferencedColumns, StringComparer.Ordinal);
}
