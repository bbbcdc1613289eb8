namespace DataRefresh.Core.Rules;

/// <summary>How sensitive a column's data is, as compliance reviewers label it (<c>classification: pii</c>).</summary>
public enum Classification
{
    Pii,
    Phi,
    Pci,
    Secret,
    Internal,
    Public,
}
