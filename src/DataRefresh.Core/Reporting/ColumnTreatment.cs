namespace DataRefresh.Core.Reporting;

/// <summary>What a refresh does with one column of the live schema, as a reviewer would sort it.</summary>
public enum ColumnTreatment
{
    /// <summary>Replaced by its own rule's mask (in some rows at least, for a rule with <c>when</c>).</summary>
    Masked,

    /// <summary>A foreign key without a rule of its own: masked like the key it references, so joins survive.</summary>
    Inherited,

    /// <summary><c>mask: keep</c> with a reason: copied unchanged.</summary>
    Kept,

    /// <summary>No rule masks or keeps it; the <c>unlisted</c> policy decides.</summary>
    Unlisted,

    /// <summary>A generated column: never copied, the target computes it from the (masked) columns.</summary>
    Generated,

    /// <summary>In a table copied with <c>rows: none</c>: no value of it leaves the source.</summary>
    NoRows,
}
