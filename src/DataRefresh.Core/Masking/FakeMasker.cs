using System.Globalization;
using System.Text;
using DataRefresh.Core.Masking.Fakes;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking;

/// <summary>
/// <c>mask: fake</c>: a Bogus value chosen by the keyed hash of the input, so the same input gives the same fake in every
/// run while another key gives another. Common paths are composed from Bogus' data without its locked randomizer
/// (<see cref="ComposedFakes"/>); the rest run Bogus on a keyed random stream. One instance per worker.
/// </summary>
public sealed class FakeMasker : ColumnMasker
{
    /// <summary>
    /// Redraws up to this attempt only re-seed the fake; later ones also carry the attempt number, since small lists
    /// (first names, slugged e-mail parts) can keep giving values already taken.
    /// </summary>
    public const int PlainRedraws = 8;

    private readonly KeyedHash hash;
    private readonly ColumnCategory target;
    private readonly int? maxLength;
    private readonly IComposedFake? template;
    private readonly bool slugged;
    private readonly BogusFake? bogus;
    private readonly StringBuilder composed = new();

    public FakeMasker(KeyedHash hash, string fakerPath, string locale, ColumnCategory target, int? maxLength, string? emailDomain = null)
    {
        this.hash = hash;
        this.target = target;
        this.maxLength = maxLength;
        if (ComposedFakes.Find(fakerPath, locale, emailDomain) is { } found)
        {
            (template, slugged) = found;
        }
        else
        {
            bogus = new BogusFake(fakerPath, locale);
        }
    }

    public override object? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var seed = hash.Compute64(value);
        return template is null ? FitToColumn(bogus!.Generate(seed)) : Compose(seed);
    }

    public override bool CanRedraw => true;

    /// <summary>
    /// Attempt 0 is <see cref="Mask"/>; attempt k runs the same fake on a seed mixed from the value's seed and k. From
    /// attempt <see cref="PlainRedraws"/> + 1 on, text also gets k written into it — before the '@' of an e-mail address,
    /// else at the end — shortening the part before it when the column is short, so the discriminator always survives.
    /// </summary>
    public override object? Redraw(object? value, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (value is null || attempt == 0)
        {
            return Mask(value);
        }

        // The golden-ratio multiple spreads consecutive attempts over the seed space; the SplitMix step then mixes them,
        // so attempt k's seed is unrelated to the seed of any other value's attempt.
        var seed = new KeyedDraws(hash.Compute64(value) ^ ((ulong)attempt * 0x9E3779B97F4A7C15UL)).Next();
        var generated = template is null ? FitToColumn(bogus!.Generate(seed)) : Compose(seed);
        return attempt > PlainRedraws && generated is string text ? Discriminate(text, attempt) : generated;
    }

    private string Discriminate(string text, int attempt)
    {
        var mark = attempt.ToString(CultureInfo.InvariantCulture);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            at = text.Length;
        }

        var excess = maxLength is { } limit ? text.Length + mark.Length - limit : 0;
        if (excess > 0)
        {
            var from = at - Math.Min(excess, at);
            if (from > 0 && char.IsLowSurrogate(text[from]))
            {
                from--; // never leave half a surrogate pair behind
            }

            text = text.Remove(from, at - from);
            at = from;
        }

        return TextFit.Truncate(text.Insert(at, mark), maxLength);
    }

    private string Compose(ulong seed)
    {
        var draws = new KeyedDraws(seed);
        composed.Clear();
        template!.Compose(ref draws, composed);
        if (slugged)
        {
            Slug(composed);
        }

        return TextFit.Truncate(composed.ToString(), maxLength);
    }

    /// <summary>Keeps what Bogus keeps in user names and e-mail addresses: letters, digits and <c>. _ - @</c>.</summary>
    private static void Slug(StringBuilder text)
    {
        var kept = 0;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-' or '@')
            {
                text[kept++] = character;
            }
        }

        text.Length = kept;
    }

    private object? FitToColumn(object? generated) => target switch
    {
        ColumnCategory.Date => DateOnly.FromDateTime(AsDateTime(generated)),
        ColumnCategory.Timestamp => DateTime.SpecifyKind(AsDateTime(generated), DateTimeKind.Unspecified),
        ColumnCategory.TimestampWithTimeZone => DateTime.SpecifyKind(AsDateTime(generated).ToUniversalTime(), DateTimeKind.Utc),
        ColumnCategory.Integer => Convert.ToInt64(generated, CultureInfo.InvariantCulture),
        _ => TextFit.Truncate(Convert.ToString(generated, CultureInfo.InvariantCulture) ?? "", maxLength),
    };

    private static DateTime AsDateTime(object? generated) => generated switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime time => time,
        _ => throw new InvalidOperationException("The planner admits only date-producing fakers for date columns."),
    };
}
