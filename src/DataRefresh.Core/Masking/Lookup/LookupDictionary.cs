using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Unicode;
using CsvHelper;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Masking.Lookup;

/// <summary>
/// The replacement values of <c>mask: lookup</c>: one column of a UTF-8 CSV file with a header row. Empty and blank
/// values are skipped and duplicates dropped (first seen order kept, so picks do not depend on hashing order). Loaded
/// once per file, column and file version and shared by every worker, since it is never changed after loading.
/// </summary>
public sealed class LookupDictionary
{
    private static readonly ConcurrentDictionary<(string Path, string? Column, DateTime Written), LookupDictionary> Loaded = new();

    private LookupDictionary(IReadOnlyList<string> values) => Values = values;

    /// <summary>The distinct, non-empty values in file order; never empty.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Reads <paramref name="column"/> of the CSV at <paramref name="path"/> (or its only column when null). The same file
    /// and column give the same instance while the file is unchanged; a file edited since is read again, so a long-lived
    /// scheduler picks up new dictionaries. Every failure is a <see cref="DataRefreshException"/> whose message names the
    /// file, and the line where it can, but never a value from it.
    /// </summary>
    public static LookupDictionary Load(string path, string? column)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw Error($"lookup file {fullPath} does not exist");
        }

        var key = (fullPath, column, File.GetLastWriteTimeUtc(fullPath));
        if (Loaded.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // Two workers may read the file at once on first use; the first stored instance wins and both use it.
        return Loaded.GetOrAdd(key, new LookupDictionary(Read(fullPath, column)));
    }

    private static List<string> Read(string path, string? column)
    {
        byte[] content;
        try
        {
            // Dictionaries are small; reading them whole lets the encoding be checked before CsvHelper, which would
            // otherwise turn invalid bytes into replacement characters without a word.
            content = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Error($"lookup file {path} cannot be read ({exception.GetType().Name})");
        }

        if (!Utf8.IsValid(content))
        {
            throw Error($"lookup file {path} is not valid UTF-8");
        }

        try
        {
            using var csv = CsvReader.Create(content, Core.Values.StrictCsv.ReaderOptions);
            var headers = csv.Headers.ToArray();
            if (headers.Length == 0)
            {
                throw Error($"lookup file {path} is empty; it needs a header row and at least one value");
            }

            var index = ColumnIndex(path, headers, column);
            var values = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (csv.Read())
            {
                var value = csv.GetString(index);
                if (!string.IsNullOrWhiteSpace(value) && seen.Add(value))
                {
                    values.Add(value);
                }
            }

            return values.Count > 0
                ? values
                : throw Error($"lookup file {path} has no values in column '{headers[index]}'; a lookup needs at least one");
        }
        catch (CsvFormatException exception)
        {
            // CsvHelper may quote the raw record in its message: only the line number may leave, and the exception is
            // not chained, so no logger can print it either.
            var line = exception.LineNumber > 0 ? exception.LineNumber.ToString(CultureInfo.InvariantCulture) : "?";
            throw Error($"lookup file {path} is not valid CSV at line {line} (check the quotes and the number of fields in that row)");
        }
    }

    private static int ColumnIndex(string path, string[] headers, string? column)
    {
        if (column is null)
        {
            return headers.Length == 1
                ? 0
                : throw Error($"lookup file {path} has {headers.Length} columns ({string.Join(", ", headers)}); name the one to use with column:");
        }

        var index = Array.IndexOf(headers, column);
        return index >= 0
            ? index
            : throw Error($"lookup file {path} has no column '{column}'{DidYouMean.Hint(column, headers)}; its columns are: {string.Join(", ", headers)}");
    }

    private static DataRefreshException Error(string message) => new(ExitCodes.InvalidJobOrRules, message + ".");
}
