using DataRefresh.Core.Detection;
using DataRefresh.Core.Scanning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Approvals;

/// <summary>
/// An environment's latest <c>datarefresh scan</c>, kept for the console's Rule review: when, how many rows per table it
/// sampled, and each column it flagged with why (matched name rules, detector hit rates — never a sampled value).
/// </summary>
public sealed record ScanRecord(string Environment, DateTimeOffset ScannedAt, int SampleRows, IReadOnlyList<FlaggedColumn> Flagged)
{
    public static ScanRecord Of(string environment, DateTimeOffset scannedAt, int sampleRows, IEnumerable<ScanFinding> findings) =>
        new(environment, scannedAt, sampleRows, [.. findings.Select(finding => new FlaggedColumn(finding.Table, finding.Column.Name, finding.Kind, finding.Evidence))]);

    public FlaggedColumn? Find(QualifiedName table, string column) =>
        Flagged.FirstOrDefault(flagged => flagged.Table == table && flagged.Column == column);
}

/// <summary>A column a scan flagged: what it looks like and the evidence.</summary>
public sealed record FlaggedColumn(QualifiedName Table, string Column, SensitiveKind Kind, IReadOnlyList<string> Evidence)
{
    /// <summary>As Rule review shows it: "looks like phone (content: 100% (400 of 400) sampled values are phone numbers)".</summary>
    public string Describe() => $"looks like {SensitiveKindNames.NameOf(Kind)} ({string.Join("; ", Evidence)})";
}
