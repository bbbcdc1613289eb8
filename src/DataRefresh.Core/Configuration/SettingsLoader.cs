using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Core.Configuration;

/// <summary>
/// Reads <c>appsettings.json</c> (or the file given with <c>--config</c>) and then environment variables the standard .NET
/// way, so <c>DataRefresh__Environments__prod__ConnectionString</c> overrides the file and secrets need not live in it.
/// </summary>
public static partial class SettingsLoader
{
    public const string DefaultFileName = "appsettings.json";

    public static IConfigurationRoot BuildConfiguration(string? configFile, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            var fullPath = Path.GetFullPath(configFile);
            if (!File.Exists(fullPath))
            {
                throw new DataRefreshException(ExitCodes.Configuration, $"The configuration file '{configFile}' does not exist; pass an existing file to --config.");
            }

            AddJson(builder, fullPath, optional: false);
        }
        else
        {
            AddJson(builder, Path.Combine(Directory.GetCurrentDirectory(), DefaultFileName), optional: true);
        }

        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        try
        {
            return builder.Build();
        }
        catch (InvalidDataException exception)
        {
            // The JSON parser's message names file, line and position but no values beyond the offending token.
            throw new DataRefreshException(ExitCodes.Configuration, $"The configuration file is not valid JSON: {exception.Message} Fix the file and retry.");
        }
    }

    public static DataRefreshSettings Load(IConfiguration configuration, string origin)
    {
        var environments = new Dictionary<string, EnvironmentSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection("DataRefresh:Environments").GetChildren())
        {
            environments[section.Key] = ReadEnvironment(section, origin);
        }

        return new DataRefreshSettings(environments, configuration[DataRefreshSettings.MaskingKeySetting], origin)
        {
            SnapshotsFolder = Path.GetFullPath(configuration[DataRefreshSettings.SnapshotsFolderSetting] is { Length: > 0 } folder ? folder : DataRefreshSettings.DefaultSnapshotsFolder),
        };
    }

    private static EnvironmentSettings ReadEnvironment(IConfigurationSection section, string origin)
    {
        var name = section.Key;
        var providerText = section["Provider"];
        if (string.IsNullOrWhiteSpace(providerText) || !Enum.TryParse<ProviderKind>(providerText, ignoreCase: true, out var provider))
        {
            var known = string.Join(", ", Enum.GetNames<ProviderKind>());
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"Environment '{name}' in {origin} has provider '{providerText ?? "(missing)"}'; set DataRefresh:Environments:{name}:Provider to one of {known}.");
        }

        var connectionString = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"Environment '{name}' in {origin} has no connection string; set DataRefresh:Environments:{name}:ConnectionString " +
                $"(or the environment variable DataRefresh__Environments__{name}__ConnectionString).");
        }

        var productionText = section["Production"];
        var production = false;
        if (productionText is not null && !bool.TryParse(productionText, out production))
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"Environment '{name}' in {origin} has Production = '{productionText}'; write true or false.");
        }

        var consistency = section["Consistency"];
        if (consistency is not null && provider != ProviderKind.SqlServer)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"Environment '{name}' in {origin} sets Consistency, which only SQL Server sources have ({provider} reads one consistent snapshot by itself); remove DataRefresh:Environments:{name}:Consistency.");
        }

        return new EnvironmentSettings(name, provider, connectionString, production) { Consistency = consistency };
    }

    /// <summary>Replaces <c>${NAME}</c> with the environment variable NAME, so a password can live in its own variable.</summary>
    internal static string ExpandVariables(string connectionString, string environmentName) =>
        VariablePattern().Replace(connectionString, match =>
        {
            var variable = match.Groups[1].Value;
            return Environment.GetEnvironmentVariable(variable) ?? throw new DataRefreshException(
                ExitCodes.Configuration,
                $"The connection string of environment '{environmentName}' uses ${{{variable}}}, but the environment variable {variable} is not set; set it or edit the connection string.");
        });

    private static void AddJson(ConfigurationBuilder builder, string fullPath, bool optional)
    {
        builder.AddJsonFile(source =>
        {
            source.Path = Path.GetFileName(fullPath);
            source.Optional = optional;
            source.ReloadOnChange = false;
            source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(fullPath)!);
        });
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex VariablePattern();
}
