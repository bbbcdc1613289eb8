using System.Text.Json;
using System.Text.Json.Serialization;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Approvals;

/// <summary>The stored JSON forms of what rule reviews keep: a <see cref="DatabaseSchema"/> (names, types and keys; no row value) and an approved <see cref="RuleVersion"/>.</summary>
public static class ReviewJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(DatabaseSchema schema) => JsonSerializer.Serialize(schema, Options);

    public static DatabaseSchema Deserialize(string json) =>
        JsonSerializer.Deserialize<DatabaseSchema>(json, Options) ?? throw new JsonException("The stored schema is null.");

    public static string Serialize(RuleVersion version) => JsonSerializer.Serialize(version, Options);

    public static RuleVersion DeserializeVersion(string json) =>
        JsonSerializer.Deserialize<RuleVersion>(json, Options) ?? throw new JsonException("The stored rule version is null.");

    public static string Serialize(IReadOnlyList<FlaggedColumn> flagged) => JsonSerializer.Serialize(flagged, Options);

    public static IReadOnlyList<FlaggedColumn> DeserializeFlagged(string json) =>
        JsonSerializer.Deserialize<List<FlaggedColumn>>(json, Options) ?? throw new JsonException("The stored scan is null.");
}
