namespace DataRefresh.Core.Values;

/// <summary>
/// Stands in for a non-null source value a reader did not decode: one it cannot represent as the CLR type its category
/// promises (numeric NaN or beyond <see cref="decimal"/>, infinite dates and timestamps), or one no mask asked to read
/// (under <c>null</c> and <c>constant</c>, only whether the value is NULL matters). It carries nothing of the value. A
/// mask that must read such a value does not run: the cell is written as NULL and counted, and the count fails
/// verification (see <see cref="Verification.UndecodableValues"/>), so the original can never reach a target.
/// </summary>
public sealed class Undecodable
{
    public static readonly Undecodable Value = new();

    private Undecodable()
    {
    }

    public override string ToString() => "(not decoded)";
}
