namespace DataRefresh.Providers.PostgreSql.Verification;

/// <summary>
/// A key as the catalog describes it: a primary key, unique or foreign-key constraint, or a unique index that backs no
/// constraint. <paramref name="Definition"/> is PostgreSQL's own text of it (pg_get_constraintdef / pg_get_indexdef);
/// <paramref name="Valid"/> says whether PostgreSQL has checked every row (convalidated, or the index's indisvalid).
/// <paramref name="Columns"/>, <paramref name="ReferencedTable"/> and <paramref name="ReferencedColumns"/> serve the
/// row-by-row check of keys the source holds as not valid; <paramref name="Simple"/> says a unique index has neither
/// expressions nor a predicate.
/// </summary>
internal sealed record PostgreSqlKey(
    Core.Schema.QualifiedName Table,
    string Name,
    char Kind,
    string Definition,
    bool Valid,
    IReadOnlyList<string> Columns,
    Core.Schema.QualifiedName? ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    bool Simple)
{
    public bool IsForeignKey => Kind == 'f';

    public string Describe() => Kind switch
    {
        'p' => $"primary key {Name}",
        'u' => $"unique constraint {Name}",
        'f' => $"foreign key {Name}",
        _ => $"unique index {Name}",
    };
}
