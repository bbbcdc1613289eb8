namespace DataRefresh.Core.Masking;

/// <summary>Makes generated text fit a column's declared length, counted in characters as databases count them.</summary>
public static class TextFit
{
    public static string Truncate(string text, int? maxLength)
    {
        if (maxLength is not { } limit || text.Length <= limit)
        {
            return text;
        }

        // Never split a surrogate pair: half a character is not valid UTF-8 and the load would fail.
        var cut = char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
        return text[..cut];
    }
}
