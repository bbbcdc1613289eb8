using System.IO.Compression;
using CsvHelper;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;

namespace DataRefresh.Snapshots.Csv;

/// <summary>
/// Reads one gzip CSV file of a snapshot back into values of the value contract, column by column as the manifest
/// describes them. A field that is not a valid text for its column stops the read, named by file, line and column but
/// never by its text; CsvHelper's own errors carry the record, so they are replaced by the same kind of message.
/// </summary>
internal sealed class CsvTableReader : IAsyncDisposable
{
    private readonly string path;
    private readonly IReadOnlyList<ColumnInfo> columns;
    private readonly int[] positions;
    private readonly Stream file;
    private readonly CsvReader csv;

    private CsvTableReader(string path, IReadOnlyList<ColumnInfo> columns, int[] positions, Stream file, CsvReader csv)
    {
        this.path = path;
        this.columns = columns;
        this.positions = positions;
        this.file = file;
        this.csv = csv;
    }

    /// <summary>Opens the file and checks its header: <paramref name="columns"/> must all be there (in any order).</summary>
    public static async Task<CsvTableReader> OpenAsync(string path, IReadOnlyList<ColumnInfo> columns, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        var reader = new CsvTableReader(path, columns, new int[columns.Count], file, CsvReader.Create(new GZipStream(file, CompressionMode.Decompress), Core.Values.StrictCsv.ReaderOptions, false));
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
            var header = reader.csv.Headers.ToList();
            for (var index = 0; index < columns.Count; index++)
            {
                reader.positions[index] = header.IndexOf(columns[index].Name);
                if (reader.positions[index] < 0)
                {
                    throw reader.Broken($"has no column {columns[index].Name} in its header");
                }
            }

            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next row's values, or null after the last.</summary>
    public async Task<object?[]?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await ReadRecordAsync(cancellationToken))
        {
            return null;
        }

        var row = new object?[columns.Count];
        for (var index = 0; index < columns.Count; index++)
        {
            if (!CsvValueText.TryParse(csv.GetString(positions[index]), columns[index], out row[index]))
            {
                throw Broken($"line {csv.LineNumber}: the value of column {columns[index].Name} is not a valid {columns[index].Category}");
            }
        }

        return row;
    }

    private async Task<bool> ReadRecordAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await csv.ReadAsync(cancellationToken);
        }
        catch (Exception error) when (error is CsvFormatException or InvalidDataException)
        {
            throw Broken($"cannot be read as CSV near line {csv.LineNumber} ({error.GetType().Name})");
        }
    }

    private async Task ReadHeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
        }
        catch (Exception error) when (error is CsvFormatException or InvalidDataException)
        {
            throw Broken($"has no readable header ({error.GetType().Name})");
        }
    }

    private DataRefreshException Broken(string problem) =>
        new(ExitCodes.Configuration, $"snapshot file {path} {problem}; the snapshot is damaged, so nothing was loaded.");

    public async ValueTask DisposeAsync()
    {
        await csv.DisposeAsync();
        await file.DisposeAsync();
    }
}
