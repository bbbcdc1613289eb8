namespace DataRefresh.Providers.PostgreSql.Target;

/// <summary>
/// Cuts a SQL file into its statements at top-level semicolons, the way psql does for the cases that matter: quoted text
/// ('…' with '' inside, E'…' with backslash escapes), quoted identifiers, dollar-quoted bodies ($$…$$, $fn$…$fn$), line and
/// nested block comments. Each statement keeps its offset in the file, so a server error position becomes a file line.
/// Not handled: SQL-standard function bodies (BEGIN ATOMIC … END), whose inner semicolons would cut the statement.
/// </summary>
internal static class SqlScriptStatements
{
    public static IReadOnlyList<(int Offset, string Text)> Split(string sql)
    {
        var statements = new List<(int, string)>();
        var codeStart = -1;
        var index = 0;
        while (index < sql.Length)
        {
            var character = sql[index];
            var next = index + 1 < sql.Length ? sql[index + 1] : '\0';
            if (character == '-' && next == '-')
            {
                index = SkipPast(sql, index, "\n");
                continue;
            }

            if (character == '/' && next == '*')
            {
                index = SkipBlockComment(sql, index);
                continue;
            }

            if (character == ';')
            {
                Add(index);
                index++;
                continue;
            }

            if (codeStart < 0 && !char.IsWhiteSpace(character))
            {
                codeStart = index;
            }

            index = character switch
            {
                '\'' => SkipQuoted(sql, index, backslashEscapes: index > 0 && sql[index - 1] is 'E' or 'e' && !IsIdentifierPart(sql, index - 2)),
                '"' => SkipQuoted(sql, index, backslashEscapes: false),
                '$' when DollarTag(sql, index) is { } tag => SkipPast(sql, index + tag.Length, tag),
                _ => index + 1,
            };
        }

        Add(sql.Length);
        return statements;

        // A statement starts at its first character that is neither white space nor comment: what is sent starts there,
        // so the server's positions, and an error without one, point into the file where the statement is.
        void Add(int end)
        {
            if (codeStart >= 0)
            {
                statements.Add((codeStart, sql[codeStart..end]));
            }

            codeStart = -1;
        }
    }

    private static int SkipPast(string sql, int index, string end)
    {
        var found = sql.IndexOf(end, index + 1, StringComparison.Ordinal);
        return found < 0 ? sql.Length : found + end.Length;
    }

    private static int SkipBlockComment(string sql, int index)
    {
        var depth = 0;
        while (index < sql.Length)
        {
            if (sql[index] == '/' && index + 1 < sql.Length && sql[index + 1] == '*')
            {
                depth++;
                index += 2;
            }
            else if (sql[index] == '*' && index + 1 < sql.Length && sql[index + 1] == '/')
            {
                index += 2;
                if (--depth == 0)
                {
                    return index;
                }
            }
            else
            {
                index++;
            }
        }

        return index;
    }

    private static int SkipQuoted(string sql, int index, bool backslashEscapes)
    {
        var quote = sql[index];
        index++;
        while (index < sql.Length)
        {
            if (backslashEscapes && sql[index] == '\\')
            {
                index += 2;
            }
            else if (sql[index] == quote)
            {
                // A doubled quote is a quote inside the text.
                if (index + 1 < sql.Length && sql[index + 1] == quote)
                {
                    index += 2;
                    continue;
                }

                return index + 1;
            }
            else
            {
                index++;
            }
        }

        return index;
    }

    /// <summary>The opening <c>$tag$</c> at this index, or null ($1 parameters and a$b identifiers are no tags).</summary>
    private static string? DollarTag(string sql, int index)
    {
        if (IsIdentifierPart(sql, index - 1))
        {
            return null;
        }

        var end = index + 1;
        while (end < sql.Length && (char.IsLetter(sql[end]) || sql[end] == '_' || (end > index + 1 && char.IsDigit(sql[end]))))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' ? sql[index..(end + 1)] : null;
    }

    private static bool IsIdentifierPart(string sql, int index) =>
        index >= 0 && index < sql.Length && (char.IsLetterOrDigit(sql[index]) || sql[index] is '_' or '$');
}
