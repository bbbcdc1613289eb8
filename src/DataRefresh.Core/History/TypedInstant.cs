using System.Globalization;

namespace DataRefresh.Core.History;

/// <summary>
/// A date or time a person typed to pick runs (<c>audit --since</c>, <c>purge --before</c>, the console's filter), read
/// the same way everywhere: invariant culture, UTC unless it names an offset.
/// </summary>
public static class TypedInstant
{
    public static bool TryParse(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
}
