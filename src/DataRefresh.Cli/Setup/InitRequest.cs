using DataRefresh.Core.Configuration;

namespace DataRefresh.Cli.Setup;

/// <summary>What <c>init</c> was asked to set up; <paramref name="SourceFrom"/>/<paramref name="TargetFrom"/> name environment variables, never hold a connection string.</summary>
internal sealed record InitRequest(
    string Source,
    string Target,
    string? SourceFrom,
    string? TargetFrom,
    ProviderKind Provider,
    string? ConfigFile,
    string RulesFile,
    string JobFile,
    int SampleRows,
    bool Force)
{
    public string SettingsFile => ConfigFile ?? SettingsLoader.DefaultFileName;

    /// <summary>Whether init writes the settings file (it names the variables to read) or uses the one there is.</summary>
    public bool WritesSettings => SourceFrom is not null || TargetFrom is not null;
}
