namespace DataRefresh.Core.Schema;

/// <summary>A foreign key from <paramref name="Columns"/> of the owning table to <paramref name="ReferencedColumns"/> of another.</summary>
public sealed record ForeignKeyInfo(
    string Name,
    IReadOnlyList<string> Columns,
    QualifiedName ReferencedTable,
    IReadOnlyList<string> ReferencedColumns);
