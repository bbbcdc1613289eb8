namespace DataRefresh.Core.Rules;

/// <summary>
/// A dictionary file named by a rule: <paramref name="Written"/> as the rule file spells it (stable across machines, so it
/// is what keys the mask), <paramref name="FullPath"/> resolved against the rule file's folder.
/// </summary>
public sealed record LookupFile(string Written, string FullPath)
{
    public override string ToString() => Written;
}
