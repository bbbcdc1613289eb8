using DataRefresh.Core.Providers;
using DataRefresh.Core.Verification;

namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// Checks the side database's keys against the source's, both read from the catalog in the same canonical text
/// (<see cref="Schema.Catalog.CatalogAssembler"/>): each key must exist under its name on its table with the same
/// definition. Keys were built after the load (foreign keys WITH CHECK), so a key that exists holds over every row, and
/// a foreign key the server trusts was checked row by row; one the source did not trust is a warning when it is not trusted here either.
/// </summary>
internal static class SqlServerKeyVerifier
{
    public static Task<IReadOnlyList<VerificationCheck>> VerifyAsync(IReadOnlyList<KeyDefinition> sourceKeys, IReadOnlyList<KeyDefinition> sideKeys)
    {
        var side = sideKeys.ToDictionary(key => (key.Table, key.Name));
        return KeyChecks.ReportAsync(sourceKeys, source => Task.FromResult(Check(source, side.GetValueOrDefault((source.Table, source.Name)))));
    }

    private static (CheckOutcome Outcome, string Detail)? Check(KeyDefinition source, KeyDefinition? copy)
    {
        if (copy is null)
        {
            return (CheckOutcome.Failed, $"{source.Describe()} is missing in the side database");
        }

        if (copy.Kind != source.Kind || !string.Equals(copy.Definition, source.Definition, StringComparison.Ordinal))
        {
            return (CheckOutcome.Failed, $"{source.Describe()} is defined differently in the side database");
        }

        return copy.Valid ? null
            : source.Valid ? (CheckOutcome.Failed, $"{source.Describe()} is not trusted in the side database")
            : (CheckOutcome.Warning, $"{source.Describe()} is not trusted, as in the source");
    }
}
