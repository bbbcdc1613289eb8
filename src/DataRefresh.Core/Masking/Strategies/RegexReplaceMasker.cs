using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: regex-replace</c>: every match of a .NET regular expression is replaced (culture-invariant; the replacement
/// may use <c>$1</c>, <c>${name}</c> and <c>$$</c>). Each value gets at most <see cref="MatchTimeout"/>, so a pattern that
/// backtracks badly on one value fails the run instead of hanging it. The result is cut to the column's length.
/// </summary>
public sealed partial class RegexReplaceMasker : ColumnMasker
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private readonly Regex regex;
    private readonly string replacement;
    private readonly int? maxLength;

    public RegexReplaceMasker(string pattern, string replacement, int? maxLength = null)
    {
        if (Validate(pattern, replacement) is not null)
        {
            throw new ArgumentException("regex-replace needs a valid pattern and a replacement that refers only to its groups.", nameof(pattern));
        }

        // Compiled: the pattern runs once per row of the column, so compiling once pays for itself.
        regex = new Regex(pattern, Options | RegexOptions.Compiled, MatchTimeout);
        this.replacement = replacement;
        this.maxLength = maxLength;
    }

    /// <summary>
    /// Why <paramref name="pattern"/> or <paramref name="replacement"/> cannot be used, as a sentence for the rule loader
    /// to put after the rule's location; null when both are fine.
    /// </summary>
    public static string? Validate(string pattern, string replacement)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, Options, MatchTimeout);
        }
        catch (ArgumentException exception)
        {
            // The message quotes the pattern, which comes from the rule file, never from a row.
            return $"the pattern is not a valid .NET regular expression: {exception.Message}";
        }

        var numbers = regex.GetGroupNumbers();
        var names = regex.GetGroupNames();
        foreach (Match reference in GroupReference().Matches(replacement))
        {
            var group = reference.Groups["group"].Value;
            if (group.Length == 0)
            {
                continue; // "$$", an escaped dollar
            }

            var known = int.TryParse(group, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? numbers.Contains(number)
                : names.Contains(group, StringComparer.Ordinal);
            if (!known)
            {
                // .NET would copy an unknown reference literally, which is almost never what the rule meant.
                return $"the replacement refers to group '{group}', which the pattern does not define (it has {numbers.Length - 1} numbered group(s))";
            }
        }

        return null;
    }

    public override object? Mask(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                try
                {
                    return TextFit.Truncate(regex.Replace(text, replacement), maxLength);
                }
                catch (RegexMatchTimeoutException)
                {
                    // The exception carries the input; only this sentence may leave.
                    throw new DataRefreshException(
                        ExitCodes.RefreshFailed,
                        $"regex-replace gave up on a value after {MatchTimeout.TotalSeconds:0.#} s; the pattern backtracks too much, so anchor it or make it more specific.");
                }

            default:
                throw new InvalidOperationException($"regex-replace received a {value.GetType().Name}; the planner admits text columns only.");
        }
    }

    // $1, ${1}, ${name} and the escape $$ (an empty group); the other $-forms ($&, $`, $', $+, $_) need no check.
    [GeneratedRegex(@"\$(?:\$|(?<group>\d+)|\{(?<group>[^}]+)\})", RegexOptions.CultureInvariant)]
    private static partial Regex GroupReference();
}
