using System.Globalization;
using System.Text;

namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// <c>mask: template</c>: text built from other columns of the row after they are masked (or as copied, for columns that
/// are not masked), so a masked e-mail can follow the masked names.
/// </summary>
internal sealed class TemplateCell(TemplateText template, IReadOnlyDictionary<string, (int Index, bool Masked)> columns, int? maxLength) : CellMasker
{
    private readonly StringBuilder text = new();

    // Its own value only decides NULL or not; the text comes from the columns it names.
    public override bool ReadsOwnValue => false;

    public override IEnumerable<int> Reads => columns.Values.Select(column => column.Index);

    public override bool DependsOnMaskedValues => true;

    public override object? Mask(int column, object?[] originals, object?[] results)
    {
        if (originals[column] is null)
        {
            return null;
        }

        text.Clear();
        foreach (var part in template.Parts)
        {
            if (part.Literal is not null)
            {
                text.Append(part.Literal);
                continue;
            }

            var (index, masked) = columns[part.Column!];
            var value = Format(masked ? results[index] : originals[index]);
            foreach (var filter in part.Filters)
            {
                value = TemplateText.ApplyFilter(value, filter);
            }

            text.Append(value);
        }

        return TextFit.Truncate(text.ToString(), maxLength);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
