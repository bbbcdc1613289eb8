using System.Globalization;

namespace DataRefresh.Core.Pipeline;

/// <summary>Run ids: the UTC start to the second, then 4 random hex digits ("20261123020000a1b2"); sortable by start.</summary>
public static class RunIds
{
    public static string New(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..4];
}
