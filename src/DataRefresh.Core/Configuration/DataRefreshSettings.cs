using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;

namespace DataRefresh.Core.Configuration;

/// <summary>
/// What <c>appsettings.json</c> and the environment say, already validated: environments by name and the masking key
/// (which may be absent until a command needs it).
/// </summary>
public sealed class DataRefreshSettings(IReadOnlyDictionary<string, EnvironmentSettings> environments, string? maskingKey, string origin)
{
    public const string MaskingKeySetting = "DataRefresh:MaskingKey";
    public const string MaskingKeyVariable = "DataRefresh__MaskingKey";

    public const string SnapshotsFolderSetting = "DataRefresh:Snapshots:Folder";
    public const string DefaultSnapshotsFolder = "snapshots";

    public IReadOnlyDictionary<string, EnvironmentSettings> Environments { get; } = environments;

    /// <summary>
    /// Where snapshot jobs and requests write their files (<c>DataRefresh:Snapshots:Folder</c>, default <c>snapshots</c> in
    /// the working directory): shared by the nodes of a cluster, like the jobs folder.
    /// </summary>
    public string SnapshotsFolder { get; init; } = Path.GetFullPath(DefaultSnapshotsFolder);

    /// <summary>These settings with one more environment, such as a snapshot folder a restore reads.</summary>
    public DataRefreshSettings With(EnvironmentSettings environment) =>
        new(new Dictionary<string, EnvironmentSettings>(Environments, StringComparer.OrdinalIgnoreCase) { [environment.Name] = environment }, maskingKey, Origin)
        {
            SnapshotsFolder = SnapshotsFolder,
        };

    /// <summary>Where the settings came from, for messages ("appsettings.json and environment variables").</summary>
    public string Origin { get; } = origin;

    /// <summary>The named environment, with <c>${VARIABLE}</c> references in its connection string filled in.</summary>
    public EnvironmentSettings GetEnvironment(string name, SourceLocation? usedAt = null)
    {
        if (Environments.TryGetValue(name, out var environment))
        {
            // Expanded on use, so an environment nobody uses cannot fail a run over a variable it needs.
            return environment with { ConnectionString = SettingsLoader.ExpandVariables(environment.ConnectionString, environment.Name) };
        }

        var where = usedAt is null ? "" : $"{usedAt}: ";
        var known = Environments.Count == 0 ? "none are configured" : "known: " + string.Join(", ", Environments.Keys.Order());
        throw new DataRefreshException(
            ExitCodes.Configuration,
            $"{where}environment '{name}' is not defined in {Origin}{DidYouMean.Hint(name, Environments.Keys)}; {known}. " +
            $"Add it under DataRefresh:Environments.");
    }

    /// <summary>
    /// Every environment marked production, for the production guard. A connection string whose variables are not set
    /// here is compared as written: the guard must not fail a run over an environment the run does not use.
    /// </summary>
    public IReadOnlyList<EnvironmentSettings> ProductionEnvironments() =>
        [.. Environments.Values.Where(environment => environment.Production).Select(environment =>
        {
            try
            {
                return GetEnvironment(environment.Name);
            }
            catch (DataRefreshException)
            {
                return environment;
            }
        })];

    public MaskingKey RequireMaskingKey()
    {
        if (string.IsNullOrWhiteSpace(maskingKey))
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"No masking key is set. Set the environment variable {MaskingKeyVariable} (or the setting {MaskingKeySetting}) " +
                "to a secret of at least 16 characters; keep it out of files, and keep it stable so reruns mask the same way.");
        }

        return MaskingKey.FromSecret(maskingKey);
    }
}
