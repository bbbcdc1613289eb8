using System.Globalization;
using System.Text;

namespace DataRefresh.Core.Schema;

/// <summary>
/// The small part of SQL that PostgreSQL and SQLite read alike and compute the same values from, for a generated column
/// built on another engine than its source: column references, string and integer constants, <c>||</c> between texts,
/// <c>+ - *</c> between integers, and <c>coalesce</c>, <c>length</c>, <c>replace</c> and <c>abs</c>; casts that change
/// nothing (<c>::text</c> on text, <c>::integer</c> on an integer) are dropped. Everything else — <c>upper</c> (SQLite
/// folds ASCII only), division, other casts, other functions — is not portable, and the column is listed as not copied
/// rather than computed differently. The portable form quotes every identifier and brackets every operation, so
/// neither engine's operator precedence matters (SQLite binds <c>||</c> tighter than <c>*</c>, PostgreSQL looser than <c>+</c>).
/// </summary>
public static class PortableExpression
{
    private static readonly HashSet<string> TextCasts = new(StringComparer.OrdinalIgnoreCase) { "text", "varchar", "character varying" };
    private static readonly string[] Operators = ["||", "+", "-", "*"];
    private static readonly HashSet<string> IntegerCasts = new(StringComparer.OrdinalIgnoreCase) { "integer", "int", "int4", "bigint", "int8", "smallint", "int2" };

    /// <summary>
    /// The portable form of <paramref name="expression"/> (a generated column of <paramref name="table"/> whose values are
    /// <paramref name="category"/>), or null when it is not portable.
    /// </summary>
    public static string? From(string expression, TableInfo table, ColumnCategory category)
    {
        if (category is not (ColumnCategory.Text or ColumnCategory.Integer))
        {
            return null;
        }

        var parser = new Parser(expression, table);
        return parser.Parse() is { } result && result.Category == category ? result.Sql : null;
    }

    /// <summary>
    /// <paramref name="table"/> with each generated column's portable expression set, from the engine's own text of it
    /// (<paramref name="expressionOf"/>; null where the engine does not say).
    /// </summary>
    public static TableInfo ForGeneratedColumns(TableInfo table, Func<ColumnInfo, string?> expressionOf) => table with
    {
        Columns = [.. table.Columns.Select(column => column.IsGenerated && expressionOf(column) is { } expression
            ? column with { Expression = From(expression, table, column.Category) }
            : column)],
    };

    private readonly record struct Typed(string Sql, ColumnCategory Category);

    private sealed class Parser(string text, TableInfo table)
    {
        private int at;

        public Typed? Parse()
        {
            var result = Expression();
            SkipSpace();
            return at == text.Length ? result : null;
        }

        // Operators of one kind in a row, left to right; a mix without brackets is refused, since the engines bind them differently.
        private Typed? Expression()
        {
            if (Operand() is not { } left)
            {
                return null;
            }

            string? kind = null;
            while (Operator() is { } op)
            {
                if ((kind ??= op) != op || Operand() is not { } right)
                {
                    return null;
                }

                var category = op == "||" ? ColumnCategory.Text : ColumnCategory.Integer;
                if (left.Category != category || right.Category != category)
                {
                    return null;
                }

                left = new Typed($"({left.Sql} {op} {right.Sql})", category);
            }

            return left;
        }

        private Typed? Operand()
        {
            var value = Primary();
            while (value is not null && Take("::"))
            {
                var type = TypeName();
                value = (value.Value.Category == ColumnCategory.Text && TextCasts.Contains(type)) || (value.Value.Category == ColumnCategory.Integer && IntegerCasts.Contains(type))
                    ? value
                    : null;
            }

            return value;
        }

        private Typed? Primary()
        {
            SkipSpace();
            if (at >= text.Length)
            {
                return null;
            }

            if (Take("("))
            {
                var inner = Expression();
                return inner is not null && Take(")") ? inner : null;
            }

            if (text[at] == '\'')
            {
                return StringConstant() is { } literal ? new Typed("'" + literal.Replace("'", "''", StringComparison.Ordinal) + "'", ColumnCategory.Text) : null;
            }

            if (char.IsAsciiDigit(text[at]))
            {
                var start = at;
                while (at < text.Length && char.IsAsciiDigit(text[at]))
                {
                    at++;
                }

                var digits = text[start..at];
                return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !(at < text.Length && (text[at] == '.' || char.IsAsciiLetter(text[at])))
                    ? new Typed(digits, ColumnCategory.Integer)
                    : null;
            }

            if (Identifier() is not { } name)
            {
                return null;
            }

            SkipSpace();
            if (!name.Quoted && at < text.Length && text[at] == '(')
            {
                at++;
                return Function(name.Text.ToLowerInvariant());
            }

            return table.FindColumn(name.Text) is { IsGenerated: false, Category: ColumnCategory.Text or ColumnCategory.Integer } column
                ? new Typed("\"" + column.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", column.Category)
                : null;
        }

        private Typed? Function(string name)
        {
            var arguments = new List<Typed>();
            do
            {
                if (Expression() is not { } argument)
                {
                    return null;
                }

                arguments.Add(argument);
            }
            while (Take(","));

            if (!Take(")"))
            {
                return null;
            }

            var list = string.Join(", ", arguments.Select(argument => argument.Sql));
            bool All(ColumnCategory category) => arguments.All(argument => argument.Category == category);
            return name switch
            {
                "coalesce" when arguments.Count >= 2 && All(arguments[0].Category) => new Typed($"coalesce({list})", arguments[0].Category),
                "length" when arguments.Count == 1 && All(ColumnCategory.Text) => new Typed($"length({list})", ColumnCategory.Integer),
                "replace" when arguments.Count == 3 && All(ColumnCategory.Text) => new Typed($"replace({list})", ColumnCategory.Text),
                "abs" when arguments.Count == 1 && All(ColumnCategory.Integer) => new Typed($"abs({list})", ColumnCategory.Integer),
                _ => null,
            };
        }

        private string? Operator()
        {
            SkipSpace();
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(text, at, op, 0, op.Length) == 0)
                {
                    at += op.Length;
                    return op;
                }
            }

            return null;
        }

        // A type after "::": one or two words ("character varying"), or a quoted name.
        private string TypeName()
        {
            var first = Identifier()?.Text ?? "";
            var save = at;
            if (first.Equals("character", StringComparison.OrdinalIgnoreCase) && Identifier() is { Text: var second } && second.Equals("varying", StringComparison.OrdinalIgnoreCase))
            {
                return "character varying";
            }

            at = save;
            return first;
        }

        private (string Text, bool Quoted)? Identifier()
        {
            SkipSpace();
            if (at < text.Length && text[at] == '"')
            {
                return QuotedRun('"') is { } quoted ? (quoted, true) : null;
            }

            var start = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_') && !(at == start && char.IsAsciiDigit(text[at])))
            {
                at++;
            }

            return at > start ? (text[start..at], false) : null;
        }

        // A standard string constant: quotes doubled inside, no backslash escapes (E'…' is not portable).
        private string? StringConstant() => QuotedRun('\'');

        /// <summary>The text between the quote at the current position and its match, doubled quotes made single; null when unclosed.</summary>
        private string? QuotedRun(char quote)
        {
            var value = new StringBuilder();
            for (at++; at < text.Length; at++)
            {
                if (text[at] != quote)
                {
                    value.Append(text[at]);
                }
                else if (at + 1 < text.Length && text[at + 1] == quote)
                {
                    value.Append(quote);
                    at++;
                }
                else
                {
                    at++;
                    return value.ToString();
                }
            }

            return null;
        }

        private bool Take(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, at, token, 0, token.Length) != 0)
            {
                return false;
            }

            at += token.Length;
            return true;
        }

        private void SkipSpace()
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }
        }
    }
}
