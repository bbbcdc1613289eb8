using System.IO.Compression;
using CsvHelper;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;

namespace DataRefresh.Snapshots.Csv;

/// <summary>
/// Writes one table of a database, read through the seam, as a gzip CSV file (RFC 4180, UTF-8, no byte order mark): a
/// header of column names, then one record per row in <see cref="CsvValueText"/>. Returns the rows written.
/// </summary>
internal static class CsvTableWriter
{
    // Values are written exactly: a leading '=' stays (spreadsheet "injection" escaping would change the data).
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\n",
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.None,
        WriteByteOrderMark = false,
    };

    public static async Task<long> WriteAsync(ISourceCatalog database, TablePlan table, string path, CancellationToken cancellationToken)
    {
        var columns = table.Columns.Select(column => column.Column).ToList();
        await using var file = SnapshotFiles.CreatePrivate(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var csv = CsvWriter.Create(gzip, Options, false);
        await csv.WriteRecordAsync([.. columns.Select(column => column.Name)], cancellationToken);
        long rows = 0;
        var fields = new string[columns.Count];
        await foreach (var row in database.ReadValuesAsync(table, [.. columns.Select(column => column.Name)], null, cancellationToken))
        {
            for (var index = 0; index < row.Length; index++)
            {
                fields[index] = CsvValueText.Format(row[index], columns[index]);
            }

            await csv.WriteRecordAsync(fields, cancellationToken);
            rows++;
        }

        await csv.FlushAsync(cancellationToken);
        return rows;
    }
}
