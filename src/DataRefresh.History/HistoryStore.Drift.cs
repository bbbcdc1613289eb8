using System.Text.Json;
using DataRefresh.Core.Drift;

namespace DataRefresh.History;

/// <summary>Drift checks: one row per job, its latest check, with the problems as a JSON array of sentences.</summary>
public partial class HistoryStore
{
    public async Task<bool> SaveDriftCheckAsync(DriftCheck check, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            dialect.SaveDriftCheck,
            cancellationToken,
            Text("@job", check.Job),
            Instant("@firing", check.FiringAt),
            Text("@basis", check.Basis),
            Text("@node", check.Node),
            Instant("@checked", check.CheckedAt),
            Text("@problems", JsonSerializer.Serialize(check.Problems))) > 0;

    public Task<IReadOnlyList<DriftCheck>> ReadDriftChecksAsync(CancellationToken cancellationToken = default) =>
        ReadRowsAsync(
            dialect.ReadDriftChecks,
            reader => new DriftCheck(
                reader.GetString(0),
                dialect.ReadInstant(reader, 1),
                reader.GetString(2),
                reader.GetString(3),
                dialect.ReadInstant(reader, 4),
                JsonSerializer.Deserialize<List<string>>(reader.GetString(5)) ?? []),
            cancellationToken);
}
