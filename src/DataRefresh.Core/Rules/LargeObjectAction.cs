namespace DataRefresh.Core.Rules;

/// <summary>
/// What a run does with the source's large objects (PostgreSQL <c>pg_largeobject</c>): binary documents stored outside
/// tables and referenced by <c>oid</c> columns. They may hold personal data, so a rule must decide, like for a column.
/// </summary>
public enum LargeObjectAction
{
    /// <summary>Copied as they are; needs a reason, like <c>mask: keep</c>.</summary>
    Copy,

    /// <summary>Created under the same ids with no content: references stay valid, the documents are gone.</summary>
    Empty,

    /// <summary>Not created: columns that reference them point at nothing in the copy.</summary>
    Exclude,
}
