namespace DataRefresh.Core.Scanning;

/// <summary>
/// Why a column is sensitive, as compliance reviewers sort it and rule files write it (lower case): personal data,
/// payment card data, health data, or secrets that open other systems.
/// </summary>
public enum DataClassification
{
    Pii,
    Pci,
    Phi,
    Secret,
}
