using System.Globalization;
using System.Text;

namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: partial</c>: keeps the first <c>keepFirst</c> and last <c>keepLast</c> characters and replaces each character
/// between them with the mask character. Characters are counted as text elements (what a reader sees as one character:
/// a surrogate pair, a letter with its combining accents), so none is ever split; each masked element becomes one mask
/// character, so the result has as many characters as the input and never more code points, and still fits the column.
/// A value with no more than <c>keepFirst + keepLast</c> characters is masked entirely: keeping all of it would let short
/// values through unchanged.
/// </summary>
public sealed class PartialMasker : ColumnMasker
{
    private readonly int keepFirst;
    private readonly int keepLast;
    private readonly char maskCharacter;

    public PartialMasker(int keepFirst, int keepLast, char maskCharacter)
    {
        if (keepFirst < 0 || keepLast < 0)
        {
            throw new ArgumentException("partial keeps zero or more characters at each end.", keepFirst < 0 ? nameof(keepFirst) : nameof(keepLast));
        }

        if (char.IsSurrogate(maskCharacter) || char.IsControl(maskCharacter))
        {
            throw new ArgumentException("partial needs a printable mask character that is a whole character on its own.", nameof(maskCharacter));
        }

        this.keepFirst = keepFirst;
        this.keepLast = keepLast;
        this.maskCharacter = maskCharacter;
    }

    public override object? Mask(object? value) => value switch
    {
        null => null,
        string text => MaskText(text),
        _ => throw new InvalidOperationException($"partial received a {value.GetType().Name}; the planner admits text columns only."),
    };

    private string MaskText(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // Fast path: plain ASCII-like text where every char is its own element (no surrogates, no combining marks).
        if (IsSimple(text))
        {
            return MaskSimple(text);
        }

        var starts = StringInfo.ParseCombiningCharacters(text);
        var elements = starts.Length;
        if (keepFirst + keepLast >= elements)
        {
            return new string(maskCharacter, elements);
        }

        var firstEnd = keepFirst == elements ? text.Length : starts[keepFirst];
        var lastStart = keepLast == 0 ? text.Length : starts[elements - keepLast];
        var result = new StringBuilder(firstEnd + (elements - keepFirst - keepLast) + (text.Length - lastStart));
        result.Append(text, 0, firstEnd);
        result.Append(maskCharacter, elements - keepFirst - keepLast);
        result.Append(text, lastStart, text.Length - lastStart);
        return result.ToString();
    }

    private string MaskSimple(string text)
    {
        if (keepFirst + keepLast >= text.Length)
        {
            return new string(maskCharacter, text.Length);
        }

        return string.Create(text.Length, (text, keepFirst, keepLast, maskCharacter), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            span[state.keepFirst..(span.Length - state.keepLast)].Fill(state.maskCharacter);
        });
    }

    /// <summary>Only characters below U+0300 (the combining marks start there) are certainly one text element each.</summary>
    private static bool IsSimple(string text)
    {
        foreach (var character in text)
        {
            if (character >= '\u0300' || character == '\r')
            {
                return false;
            }
        }

        return true;
    }
}
