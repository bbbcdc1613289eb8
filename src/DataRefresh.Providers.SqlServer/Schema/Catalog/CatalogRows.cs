namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>
/// The rows each of <see cref="CatalogQueries"/> returned (SQL NULL as null), in the queries' column order: what
/// <see cref="CatalogAssembler"/> turns into the catalog model. Tests fill it by hand in place of a server.
/// </summary>
internal sealed record CatalogRows(
    IReadOnlyList<object?[]> Schemas,
    IReadOnlyList<object?[]> AliasTypes,
    IReadOnlyList<object?[]> Columns,
    IReadOnlyList<object?[]> TableTypeColumns,
    IReadOnlyList<object?[]> TableTypeKeys,
    IReadOnlyList<object?[]> Tables,
    IReadOnlyList<object?[]> Temporal,
    IReadOnlyList<object?[]> Sequences,
    IReadOnlyList<object?[]> Keys,
    IReadOnlyList<object?[]> Indexes,
    IReadOnlyList<object?[]> Checks,
    IReadOnlyList<object?[]> ForeignKeys,
    IReadOnlyList<object?[]> Modules,
    IReadOnlyList<object?[]> Dependencies,
    IReadOnlyList<object?[]> Synonyms,
    IReadOnlyList<object?[]> ExtendedProperties,
    IReadOnlyList<object?[]> NotScripted)
{
    /// <summary>The results of <see cref="CatalogQueries.All"/>, in that order.</summary>
    public static CatalogRows From(IReadOnlyList<IReadOnlyList<object?[]>> results) => new(
        results[0], results[1], results[2], results[3], results[4], results[5], results[6], results[7], results[8],
        results[9], results[10], results[11], results[12], results[13], results[14], results[15], results[16]);
}
