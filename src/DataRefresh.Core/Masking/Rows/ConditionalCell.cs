using System.Globalization;

namespace DataRefresh.Core.Masking.Rows;

/// <summary><c>when:</c> — rows whose original values match get one mask, the others the <c>otherwise</c> mask.</summary>
internal sealed class ConditionalCell(IReadOnlyList<ConditionalCell.Term> terms, CellMasker matched, CellMasker otherwise) : CellMasker
{
    public override IEnumerable<int> Reads => terms.Select(term => term.Column).Concat(matched.Reads).Concat(otherwise.Reads);

    public override bool ReadsOwnValue => matched.ReadsOwnValue || otherwise.ReadsOwnValue;

    public override bool DependsOnMaskedValues => matched.DependsOnMaskedValues || otherwise.DependsOnMaskedValues;

    public override object? Mask(int column, object?[] originals, object?[] results) =>
        terms.All(term => term.Matches(originals[term.Column])) ? matched.Mask(column, originals, results) : otherwise.Mask(column, originals, results);

    /// <summary>One column of the condition: its values as text, and whether NULL matches.</summary>
    internal sealed record Term(int Column, IReadOnlySet<string> Values, bool MatchesNull)
    {
        public bool Matches(object? value) => value is null ? MatchesNull : Values.Contains(AsText(value));

        /// <summary>The text a value is compared as: digits for numbers, yyyy-MM-dd for dates, true/false for booleans.</summary>
        public static string AsText(object value) => value switch
        {
            bool flag => flag ? "true" : "false",
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime time => time.TimeOfDay == TimeSpan.Zero
                ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }
}
