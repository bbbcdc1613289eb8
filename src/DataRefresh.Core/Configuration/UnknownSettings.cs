using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Core.Configuration;

/// <summary>Sections whose keys are all known: a misspelt or unbuilt key is refused by name (exit 3), never ignored.</summary>
public static class UnknownSettings
{
    /// <param name="hint">What to say about a key, or null for the list of keys this section has.</param>
    public static void Refuse(IConfigurationSection section, IReadOnlyList<string> known, string origin, Func<string, string?>? hint = null)
    {
        if (section.GetChildren().FirstOrDefault(child => !known.Contains(child.Key, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            var why = hint?.Invoke(unknown.Key) ?? $"the keys here are {string.Join(", ", known)}";
            throw new DataRefreshException(ExitCodes.Configuration, $"{unknown.Path} in {origin} is not a setting this datarefresh knows: {why}.");
        }
    }
}
