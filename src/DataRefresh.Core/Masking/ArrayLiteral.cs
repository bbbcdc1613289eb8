using System.Text;

namespace DataRefresh.Core.Masking;

/// <summary>
/// Reads the one-dimensional array literal a <c>constant</c> for an array column is written as: <c>{}</c>,
/// <c>{a,b}</c>, <c>{"with, comma",NULL}</c> (double quotes around elements with commas, braces or spaces; <c>\</c>
/// escapes inside them; unquoted NULL is SQL NULL).
/// </summary>
public static class ArrayLiteral
{
    /// <summary>The elements as text (null for NULL), or null when <paramref name="text"/> is not such a literal.</summary>
    public static IReadOnlyList<string?>? Parse(string text)
    {
        text = text.Trim();
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            return null;
        }

        var elements = new List<string?>();
        var body = text[1..^1];
        if (body.Trim().Length == 0)
        {
            return elements;
        }

        var at = 0;
        while (true)
        {
            while (at < body.Length && body[at] == ' ')
            {
                at++;
            }

            var element = new StringBuilder();
            var quoted = at < body.Length && body[at] == '"';
            if (quoted)
            {
                for (at++; at < body.Length && body[at] != '"'; at++)
                {
                    if (body[at] == '\\' && at + 1 < body.Length)
                    {
                        at++;
                    }

                    element.Append(body[at]);
                }

                if (at >= body.Length)
                {
                    return null;
                }

                at++;
            }
            else
            {
                for (; at < body.Length && body[at] != ','; at++)
                {
                    if (body[at] is '{' or '}' or '"')
                    {
                        return null;
                    }

                    element.Append(body[at]);
                }
            }

            var value = quoted ? element.ToString() : element.ToString().Trim();
            elements.Add(!quoted && string.Equals(value, "NULL", StringComparison.OrdinalIgnoreCase) ? null : value);
            while (at < body.Length && body[at] == ' ')
            {
                at++;
            }

            if (at >= body.Length)
            {
                return elements;
            }

            if (body[at] != ',')
            {
                return null;
            }

            at++;
        }
    }
}
