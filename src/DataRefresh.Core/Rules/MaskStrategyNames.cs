namespace DataRefresh.Core.Rules;

/// <summary>The names strategies have in rule files (<c>mask: shift-date</c>).</summary>
public static class MaskStrategyNames
{
    private static readonly Dictionary<string, MaskStrategy> ByName = new(StringComparer.Ordinal)
    {
        ["fake"] = MaskStrategy.Fake,
        ["hash"] = MaskStrategy.Hash,
        ["null"] = MaskStrategy.Null,
        ["constant"] = MaskStrategy.Constant,
        ["shift-date"] = MaskStrategy.ShiftDate,
    };

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string name, out MaskStrategy strategy) => ByName.TryGetValue(name, out strategy);

    public static string NameOf(MaskStrategy strategy) => ByName.First(pair => pair.Value == strategy).Key;
}
