namespace DataRefresh.Core.Detection;

/// <summary>
/// Where a sensitive item sits in a text: offsets only, so finding never copies the item. <paramref name="Pattern"/> names
/// the rule that matched (<c>us-ssn</c>, <c>ipv6</c>) for evidence; it never holds any of the text.
/// </summary>
public readonly record struct SensitiveSpan(int Start, int Length, SensitiveKind Kind, string Pattern)
{
    public int End => Start + Length;
}
