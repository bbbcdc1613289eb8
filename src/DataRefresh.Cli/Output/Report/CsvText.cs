namespace DataRefresh.Cli.Output.Report;

/// <summary>RFC 4180 records: fields quoted when they hold a comma, quote or line break, quotes doubled, CRLF line ends.</summary>
internal static class CsvText
{
    public static void WriteRecord(TextWriter output, IEnumerable<string?> fields)
    {
        output.Write(string.Join(",", fields.Select(Field)));
        output.Write("\r\n");
    }

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
