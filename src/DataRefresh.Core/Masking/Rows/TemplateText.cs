using System.Globalization;
using System.Text;

namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// A parsed <c>template</c>: literal text and <c>{column|filter|…}</c> placeholders (<c>{{</c> and <c>}}</c> are literal
/// braces). Filters: <c>lower</c>, <c>upper</c>, <c>slug</c> (ASCII letters and digits, accents removed, lower case) and
/// <c>initial</c> (the first character).
/// </summary>
public sealed class TemplateText
{
    public static readonly IReadOnlyList<string> Filters = ["lower", "upper", "slug", "initial"];

    private TemplateText(IReadOnlyList<TemplatePart> parts, string? problem)
    {
        Parts = parts;
        Problem = problem;
    }

    public IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>Why the text is not a valid template, or null.</summary>
    public string? Problem { get; }

    public IEnumerable<string> Columns => Parts.Where(part => part.Column is not null).Select(part => part.Column!).Distinct();

    public static TemplateText Parse(string text)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        for (var at = 0; at < text.Length; at++)
        {
            var character = text[at];
            if ((character == '{' || character == '}') && at + 1 < text.Length && text[at + 1] == character)
            {
                literal.Append(character);
                at++;
                continue;
            }

            if (character == '}')
            {
                return Invalid($"has a '}}' without '{{' at character {at + 1}; write '}}}}' for a literal brace");
            }

            if (character != '{')
            {
                literal.Append(character);
                continue;
            }

            var close = text.IndexOf('}', at);
            if (close < 0)
            {
                return Invalid($"has a '{{' without '}}' at character {at + 1}");
            }

            var pieces = text[(at + 1)..close].Split('|', StringSplitOptions.TrimEntries);
            if (pieces[0].Length == 0)
            {
                return Invalid($"has an empty placeholder at character {at + 1}; write {{column}}");
            }

            if (pieces.Skip(1).FirstOrDefault(filter => !Filters.Contains(filter)) is { } unknown)
            {
                return Invalid($"uses the unknown filter '{unknown}'{Errors.DidYouMean.Hint(unknown, Filters)}; filters are {string.Join(", ", Filters)}");
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(literal.ToString(), null, []));
                literal.Clear();
            }

            parts.Add(new TemplatePart(null, pieces[0], pieces[1..]));
            at = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null, []));
        }

        return parts.Any(part => part.Column is not null) ? new TemplateText(parts, null) : Invalid("has no {column} placeholder; use constant for fixed text");

        static TemplateText Invalid(string problem) => new([], $"the template {problem}.");
    }

    public static string ApplyFilter(string value, string filter) => filter switch
    {
        "lower" => value.ToLowerInvariant(),
        "upper" => value.ToUpperInvariant(),
        "initial" => value.Length == 0 ? value : char.IsSurrogate(value[0]) && value.Length > 1 ? value[..2] : value[..1],
        "slug" => Slug(value),
        _ => throw new InvalidOperationException($"Unknown template filter {filter}; the parser admits only known filters."),
    };

    private static string Slug(string value)
    {
        var slug = new StringBuilder(value.Length);
        foreach (var character in value.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                slug.Append(char.ToLowerInvariant(character));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(character) != UnicodeCategory.NonSpacingMark && character is '-' or '_' or '.')
            {
                slug.Append(character);
            }
        }

        return slug.ToString();
    }
}
