using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.History;
using DataRefresh.Core.Providers;

namespace DataRefresh.Web.Hosting;

/// <summary>
/// What the console reads: the history store (runs, audit records, accounts, nodes, trigger requests, approvals, schemas
/// runs read) and the job and rule files with the settings that check them; and where it writes the audit records of what
/// people do on it (approvals). It opens no source or target database and never needs the masking key.
/// </summary>
public sealed record ConsoleContext(IHistoryStore Store, AuditTrail Audit, DataRefreshSettings Settings, ProviderRegistry Providers, string JobsFolder, TimeProvider Time, Serilog.ILogger Logger);
