namespace DataRefresh.Core.Providers;

/// <summary>The kinds of key verification compares between source and copy.</summary>
public enum KeyKind
{
    PrimaryKey,
    UniqueConstraint,
    ForeignKey,

    /// <summary>A unique index that backs no constraint.</summary>
    UniqueIndex,
}
