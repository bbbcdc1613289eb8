using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Core.Audit;

/// <summary>
/// Where audit records go: <c>DataRefresh:Audit:File</c>, the JSON-lines file (default <c>audit/datarefresh-audit.jsonl</c>
/// under the working directory), and <c>DataRefresh:History:File</c>, the history store (default
/// <c>datarefresh-history.db</c> in the audit file's folder). <c>DataRefresh:History:ConnectionString</c>, when set, puts the
/// history store in that database instead (what a cluster of <c>serve</c> nodes needs: one shared history), on the engine
/// <c>DataRefresh:History:Provider</c> names: <c>PostgreSql</c> (the default) or <c>SqlServer</c>.
/// <c>DataRefresh:History:RetentionDays</c> is how much history <c>datarefresh purge</c> keeps; nothing is purged otherwise.
/// </summary>
public sealed record AuditSettings(
    string AuditFile, string HistoryFile, string? HistoryConnectionString = null, ProviderKind HistoryProvider = ProviderKind.PostgreSql, int? RetentionDays = null)
{
    public const string AuditFileSetting = "DataRefresh:Audit:File";
    public const string HistoryFileSetting = "DataRefresh:History:File";
    public const string HistoryConnectionSetting = "DataRefresh:History:ConnectionString";
    public const string HistoryProviderSetting = "DataRefresh:History:Provider";
    public const string RetentionDaysSetting = "DataRefresh:History:RetentionDays";
    public const string DefaultAuditFile = "audit/datarefresh-audit.jsonl";
    public const string DefaultHistoryFileName = "datarefresh-history.db";

    /// <summary>The engines a shared history store may live on (the SQLite file needs no connection string).</summary>
    private static readonly ProviderKind[] SharedStoreEngines = [ProviderKind.PostgreSql, ProviderKind.SqlServer];

    /// <param name="origin">Where the settings came from, for messages.</param>
    public static AuditSettings Load(IConfiguration configuration, string origin)
    {
        var auditFile = configuration[AuditFileSetting] is { Length: > 0 } file ? file : DefaultAuditFile;
        var historyFile = configuration[HistoryFileSetting] is { Length: > 0 } history
            ? history
            : Path.Combine(Path.GetDirectoryName(auditFile) ?? "", DefaultHistoryFileName);
        var connection = configuration[HistoryConnectionSetting] is { Length: > 0 } text ? text : null;
        var provider = ReadProvider(configuration[HistoryProviderSetting], origin);

        // A cluster of serve nodes needs one history: with the schedule in a database, the history defaults to that database,
        // for every command (serve, trigger, history, jobs, audit, run) alike.
        if (connection is null && SchedulerStoreEngine(configuration["DataRefresh:Scheduler:Store"]) is { } schedulerEngine)
        {
            connection = configuration["DataRefresh:Scheduler:ConnectionString"] is { Length: > 0 } scheduler ? scheduler : null;
            provider ??= schedulerEngine;
        }

        if (provider is not null && connection is null)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"{origin}: {HistoryProviderSetting} is {provider} but {HistoryConnectionSetting} is empty; set it to the database that keeps the history, or remove {HistoryProviderSetting} to keep the history in a local SQLite file.");
        }

        return new AuditSettings(auditFile, historyFile, connection, provider ?? ProviderKind.PostgreSql, ReadRetentionDays(configuration[RetentionDaysSetting], origin));
    }

    private static int? ReadRetentionDays(string? text, string origin)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days >= 1
            ? days
            : throw new DataRefreshException(
                ExitCodes.Configuration,
                $"{origin}: {RetentionDaysSetting} is '{text}'; give a whole number of days, at least 1 (e.g. 400), or remove it to keep every run.");
    }

    private static ProviderKind? ReadProvider(string? text, string origin)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var engine in SharedStoreEngines)
        {
            if (string.Equals(engine.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return engine;
            }
        }

        throw new DataRefreshException(
            ExitCodes.Configuration,
            $"{origin}: {HistoryProviderSetting} is '{text}', which is not an engine the history store runs on; give {string.Join(" or ", SharedStoreEngines)}.");
    }

    private static ProviderKind? SchedulerStoreEngine(string? store) =>
        store?.Trim().ToUpperInvariant() switch
        {
            "POSTGRESQL" => ProviderKind.PostgreSql,
            "SQLSERVER" => ProviderKind.SqlServer,
            _ => null,
        };
}
