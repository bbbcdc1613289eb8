namespace DataRefresh.Core.Approvals;

/// <summary>What one line of a diff is: in both versions, only in the new one, or only in the old one.</summary>
public enum DiffLineKind
{
    Same,
    Added,
    Removed,
}

/// <summary>One line of a diff, with its number in the new file (in the old one for a removed line).</summary>
public sealed record DiffLine(DiffLineKind Kind, int Number, string Text);

/// <summary>
/// A line diff of two texts by their longest common subsequence, as a reviewer reads it in a pull request: lines only
/// in the old text, lines only in the new one, and up to <see cref="Context"/> unchanged lines around each change (a
/// <c>null</c> entry marks lines left out). Rule files are small; texts beyond <see cref="MaxLines"/> lines are not diffed.
/// </summary>
public static class LineDiff
{
    public const int Context = 2;
    public const int MaxLines = 4000;

    /// <summary>The changed lines with their context, or null when either text is too long to diff here.</summary>
    public static IReadOnlyList<DiffLine?>? Compare(string before, string after)
    {
        var old = Lines(before);
        var now = Lines(after);
        if (old.Length > MaxLines || now.Length > MaxLines)
        {
            return null;
        }

        // common[i, j]: length of the longest common subsequence of old[i..] and now[j..].
        var common = new int[old.Length + 1, now.Length + 1];
        for (var i = old.Length - 1; i >= 0; i--)
        {
            for (var j = now.Length - 1; j >= 0; j--)
            {
                common[i, j] = old[i] == now[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var all = new List<DiffLine>();
        int o = 0, n = 0;
        while (o < old.Length || n < now.Length)
        {
            if (o < old.Length && n < now.Length && old[o] == now[n])
            {
                all.Add(new DiffLine(DiffLineKind.Same, ++n, old[o++]));
            }
            // On a tie the old line goes first, so a changed line reads as removed, then added.
            else if (n < now.Length && (o == old.Length || common[o, n + 1] > common[o + 1, n]))
            {
                all.Add(new DiffLine(DiffLineKind.Added, ++n, now[n - 1]));
            }
            else
            {
                all.Add(new DiffLine(DiffLineKind.Removed, ++o, old[o - 1]));
            }
        }

        return all.TrueForAll(line => line.Kind == DiffLineKind.Same) ? [] : WithContext(all);
    }

    private static List<DiffLine?> WithContext(List<DiffLine> all)
    {
        var keep = new bool[all.Count];
        for (var index = 0; index < all.Count; index++)
        {
            if (all[index].Kind != DiffLineKind.Same)
            {
                for (var near = Math.Max(0, index - Context); near <= Math.Min(all.Count - 1, index + Context); near++)
                {
                    keep[near] = true;
                }
            }
        }

        var shown = new List<DiffLine?>();
        for (var index = 0; index < all.Count; index++)
        {
            if (keep[index])
            {
                shown.Add(all[index]);
            }
            else if (index == 0 || keep[index - 1])
            {
                shown.Add(null);
            }
        }

        return shown;
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
