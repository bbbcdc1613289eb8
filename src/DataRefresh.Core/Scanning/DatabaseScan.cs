using DataRefresh.Core.Providers;
using Serilog;

namespace DataRefresh.Core.Scanning;

/// <summary>Scans every table of a catalog: a sample of its rows read, its columns judged by name and content.</summary>
public static class DatabaseScan
{
    /// <summary>The columns that look sensitive; evidence only, never a sampled value.</summary>
    public static async Task<IReadOnlyList<ScanFinding>> ScanAsync(ISourceCatalog catalog, int sampleRows, ILogger logger, CancellationToken cancellationToken)
    {
        var findings = new List<ScanFinding>();
        foreach (var table in catalog.Schema.Tables)
        {
            var sample = await catalog.SampleRowsAsync(table, sampleRows, cancellationToken);
            var found = ColumnScanner.Scan(table, sample);
            logger.Debug("Scanned {Table}: {Rows} sampled rows, {Findings} columns flagged", table.Name.ToString(), sample.Count, found.Count);
            findings.AddRange(found);
        }

        return findings;
    }
}
