namespace DataRefresh.Core.Values;

/// <summary>
/// How DataRefresh reads every CSV file it did not write itself or must trust (lookup dictionaries, snapshot files):
/// commas only (a detected separator could split values), a header row, malformed data and rows of the wrong width
/// thrown, line numbers kept for messages, and never a value in an exception.
/// </summary>
public static class StrictCsv
{
    public static CsvHelper.CsvReaderOptions ReaderOptions { get; } = CsvHelper.CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvHelper.CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Throw,
        TrackLineNumbers = true,
        IncludeValuesInExceptions = false,
    };
}
