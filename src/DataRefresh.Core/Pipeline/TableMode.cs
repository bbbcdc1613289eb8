namespace DataRefresh.Core.Pipeline;

/// <summary>How a table's rows travel: decoded and masked, streamed as raw bytes, or not at all (schema only).</summary>
public enum TableMode
{
    Masked,
    Raw,
    SchemaOnly,
}
