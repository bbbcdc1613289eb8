using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Providers;

/// <summary>
/// A key of the source as its catalog describes it, read inside the snapshot so the target can be verified against it.
/// <paramref name="Definition"/> is the engine's own text of it (PostgreSQL: pg_get_constraintdef / pg_get_indexdef),
/// compared verbatim when both sides are the same engine; <paramref name="Valid"/> says whether the engine has checked
/// every row. <paramref name="Columns"/>, <paramref name="ReferencedTable"/> and <paramref name="ReferencedColumns"/>
/// serve a row-by-row check of keys the source holds as not valid; <paramref name="Simple"/> says a unique index has
/// neither expressions nor a predicate.
/// </summary>
public sealed record KeyDefinition(
    QualifiedName Table,
    string Name,
    KeyKind Kind,
    string Definition,
    bool Valid,
    IReadOnlyList<string> Columns,
    QualifiedName? ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    bool Simple)
{
    public bool IsForeignKey => Kind == KeyKind.ForeignKey;

    public string Describe() => Kind switch
    {
        KeyKind.PrimaryKey => $"primary key {Name}",
        KeyKind.UniqueConstraint => $"unique constraint {Name}",
        KeyKind.ForeignKey => $"foreign key {Name}",
        _ => $"unique index {Name}",
    };
}
