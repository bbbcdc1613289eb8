using DataRefresh.Core.Configuration;
using DataRefresh.Core.History;
using DataRefresh.Core.Providers;

namespace DataRefresh.Web.Hosting;

/// <summary>
/// What the console reads: the history store (runs, audit records, accounts, nodes, trigger requests) and the job files
/// with the settings that check them. It opens no source or target database and never needs the masking key.
/// </summary>
public sealed record ConsoleContext(IHistoryStore Store, DataRefreshSettings Settings, ProviderRegistry Providers, string JobsFolder, TimeProvider Time, Serilog.ILogger Logger);
