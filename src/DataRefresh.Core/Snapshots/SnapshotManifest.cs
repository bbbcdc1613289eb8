using System.Text.Json;
using System.Text.Json.Serialization;
using DataRefresh.Core.Audit;

namespace DataRefresh.Core.Snapshots;

/// <summary>
/// <c>manifest.json</c> of a snapshot: what it holds (tables with their columns, keys, foreign keys and indexes, row counts, the
/// SHA-256 of every file), how it was masked (rule files and their SHA-256, the key's fingerprint, the mask catalogue's
/// version), where it came from (the source's name and connection without secrets, the run id) and when it expires.
/// Never a value outside the masked data, never the key.
/// </summary>
public sealed record SnapshotManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public required string Job { get; init; }

    public required string RunId { get; init; }

    /// <summary><c>sqlite</c> or <c>csv</c>.</summary>
    public required string Kind { get; init; }

    public required string Source { get; init; }

    public required string SourceConnection { get; init; }

    /// <summary>Who asked for it (a snapshot request's <c>--for</c>), or null for a run of the job.</summary>
    public string? RequestedFor { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Whether its time to live has passed at <paramref name="now"/>: no longer listed as ready, handed out, or kept by serve.</summary>
    public bool HasExpired(DateTimeOffset now) => ExpiresAt <= now;

    public required IReadOnlyList<AuditFile> Rules { get; init; }

    public required string MaskingKeyFingerprint { get; init; }

    public int MaskCatalogVersion { get; init; } = Masking.MaskCatalog.Version;

    /// <summary>Whether the run chose a subset (the job's <c>subset:</c>) rather than every row.</summary>
    public bool Subset { get; init; }

    public required IReadOnlyList<SnapshotTable> Tables { get; init; }

    /// <summary>Primary keys, unique constraints and indexes, and foreign keys, as the copy's verification read them.</summary>
    public required IReadOnlyList<Providers.KeyDefinition> Keys { get; init; }

    /// <summary>Plain indexes over columns, which a restore builds on any engine.</summary>
    public IReadOnlyList<Providers.IndexDefinition> Indexes { get; init; } = [];

    /// <summary>Every file of the snapshot but the manifest, with its SHA-256.</summary>
    public required IReadOnlyList<AuditFile> Files { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static SnapshotManifest FromJson(string json) =>
        JsonSerializer.Deserialize<SnapshotManifest>(json, Options) ?? throw new JsonException("The manifest is null.");
}

/// <summary>
/// One table of a snapshot: the neutral model of it (columns, unique keys, foreign keys) so a restore can build it on
/// any engine, its row count, and for CSV its file inside the snapshot's folder.
/// </summary>
public sealed record SnapshotTable(Schema.TableInfo Table, long Rows, string? File);
