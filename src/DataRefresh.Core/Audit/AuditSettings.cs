using Microsoft.Extensions.Configuration;

namespace DataRefresh.Core.Audit;

/// <summary>
/// Where audit records go: <c>DataRefresh:Audit:File</c>, the JSON-lines file (default <c>audit/datarefresh-audit.jsonl</c>
/// under the working directory), and <c>DataRefresh:History:File</c>, the history store (default
/// <c>datarefresh-history.db</c> in the audit file's folder). <c>DataRefresh:History:ConnectionString</c>, when set, puts the
/// history store in that PostgreSQL database instead (what a cluster of <c>serve</c> nodes needs: one shared history).
/// </summary>
public sealed record AuditSettings(string AuditFile, string HistoryFile, string? HistoryConnectionString = null)
{
    public const string AuditFileSetting = "DataRefresh:Audit:File";
    public const string HistoryFileSetting = "DataRefresh:History:File";
    public const string HistoryConnectionSetting = "DataRefresh:History:ConnectionString";
    public const string DefaultAuditFile = "audit/datarefresh-audit.jsonl";
    public const string DefaultHistoryFileName = "datarefresh-history.db";

    public static AuditSettings Load(IConfiguration configuration)
    {
        var auditFile = configuration[AuditFileSetting] is { Length: > 0 } file ? file : DefaultAuditFile;
        var historyFile = configuration[HistoryFileSetting] is { Length: > 0 } history
            ? history
            : Path.Combine(Path.GetDirectoryName(auditFile) ?? "", DefaultHistoryFileName);
        var connection = configuration[HistoryConnectionSetting] is { Length: > 0 } text ? text : null;

        // A cluster of serve nodes needs one history: with the schedule in PostgreSQL, the history defaults to that database,
        // for every command (serve, trigger, history, jobs, audit, run) alike.
        if (connection is null && string.Equals(configuration["DataRefresh:Scheduler:Store"], "postgresql", StringComparison.OrdinalIgnoreCase))
        {
            connection = configuration["DataRefresh:Scheduler:ConnectionString"] is { Length: > 0 } scheduler ? scheduler : null;
        }

        return new AuditSettings(auditFile, historyFile, connection);
    }
}
