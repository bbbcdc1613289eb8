using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataRefresh.Core.Audit;

/// <summary>
/// The one JSON form of an audit record, used for the JSON-lines file and the history store alike. Text is written as it
/// is (no \u escapes), so that searching the audit for a value finds it: the tests do exactly that to prove none is there.
/// </summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>One line: newlines inside strings are escaped by the serializer.</summary>
    public static string Serialize(AuditRecord record) => JsonSerializer.Serialize(record, Options);

    public static AuditRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<AuditRecord>(json, Options) ?? throw new JsonException("The audit record is null.");
}
