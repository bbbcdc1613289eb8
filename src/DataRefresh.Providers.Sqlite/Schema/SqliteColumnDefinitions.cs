namespace DataRefresh.Providers.Sqlite.Schema;

/// <summary>
/// The column definitions of a <c>CREATE TABLE</c> statement as SQLite keeps it, for what its pragmas do not say: the
/// expression of a generated column (<c>[GENERATED ALWAYS] AS (…)</c>). A small scanner over the statement's top-level
/// list, aware of quoted names and strings; table constraints and anything it cannot read are simply not found.
/// </summary>
internal static class SqliteColumnDefinitions
{
    /// <summary>The text inside <c>AS ( … )</c> of <paramref name="column"/>'s definition, or null.</summary>
    public static string? GenerationExpression(string tableSql, string column)
    {
        foreach (var item in TopLevelItems(tableSql))
        {
            var name = LeadingName(item);
            if (name is not null && name.Equals(column, StringComparison.OrdinalIgnoreCase))
            {
                return ExpressionAfterAs(item);
            }
        }

        return null;
    }

    /// <summary>The comma-separated items between the statement's first bracket and its match.</summary>
    private static List<string> TopLevelItems(string sql)
    {
        var items = new List<string>();
        var open = sql.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return items;
        }

        var depth = 0;
        var start = open + 1;
        for (var at = open; at < sql.Length; at++)
        {
            var c = sql[at];
            if (c is '\'' or '"' or '`' or '[')
            {
                at = SkipQuoted(sql, at);
                continue;
            }

            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                items.Add(sql[start..at]);
                break;
            }
            else if (c == ',' && depth == 1)
            {
                items.Add(sql[start..at]);
                start = at + 1;
            }
        }

        return items;
    }

    private static string? LeadingName(string item)
    {
        var text = item.TrimStart();
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] is '"' or '`' or '[')
        {
            var end = SkipQuoted(text, 0);
            return end < text.Length ? text[1..end].Replace("\"\"", "\"", StringComparison.Ordinal) : null;
        }

        var length = 0;
        while (length < text.Length && (char.IsLetterOrDigit(text[length]) || text[length] == '_'))
        {
            length++;
        }

        return length > 0 ? text[..length] : null;
    }

    /// <summary>The bracketed text after the keyword <c>AS</c> outside quotes and brackets, or null.</summary>
    private static string? ExpressionAfterAs(string item)
    {
        var depth = 0;
        for (var at = 0; at < item.Length; at++)
        {
            var c = item[at];
            if (c is '\'' or '"' or '`' or '[')
            {
                at = SkipQuoted(item, at);
                continue;
            }

            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth != 0 || !IsKeywordAs(item, at))
            {
                continue;
            }

            var open = at + 2;
            while (open < item.Length && char.IsWhiteSpace(item[open]))
            {
                open++;
            }

            if (open >= item.Length || item[open] != '(')
            {
                return null;
            }

            var inner = 0;
            for (var end = open; end < item.Length; end++)
            {
                if (item[end] is '\'' or '"' or '`' or '[')
                {
                    end = SkipQuoted(item, end);
                    continue;
                }

                inner += item[end] == '(' ? 1 : item[end] == ')' ? -1 : 0;
                if (inner == 0)
                {
                    return item[(open + 1)..end];
                }
            }

            return null;
        }

        return null;
    }

    private static bool IsKeywordAs(string text, int at) =>
        at + 2 <= text.Length && string.Compare(text, at, "AS", 0, 2, StringComparison.OrdinalIgnoreCase) == 0
        && (at == 0 || !IsWordCharacter(text[at - 1])) && (at + 2 == text.Length || !IsWordCharacter(text[at + 2]));

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>The index of the quote that closes the one at <paramref name="at"/> (doubled quotes stay inside).</summary>
    private static int SkipQuoted(string text, int at)
    {
        var close = text[at] == '[' ? ']' : text[at];
        for (var end = at + 1; end < text.Length; end++)
        {
            if (text[end] != close)
            {
                continue;
            }

            if (close != ']' && end + 1 < text.Length && text[end + 1] == close)
            {
                end++;
                continue;
            }

            return end;
        }

        return text.Length;
    }
}
