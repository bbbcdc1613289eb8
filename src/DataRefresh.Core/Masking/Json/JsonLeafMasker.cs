using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataRefresh.Core.Masking.Json;

/// <summary>
/// Masks one scalar inside a JSON document: strings with the text masker; numbers with the number masker when the mask
/// fits numbers, else as text; booleans and nulls stay (they identify nobody on their own).
/// </summary>
internal sealed class JsonLeafMasker(ColumnMasker text, ColumnMasker? number)
{
    public JsonNode? Mask(JsonValue leaf)
    {
        switch (leaf.GetValueKind())
        {
            case JsonValueKind.String:
                return JsonValue.Create((string?)text.Mask(leaf.GetValue<string>()));
            case JsonValueKind.Number when number is not null:
                var raw = leaf.ToJsonString();
                return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    ? JsonValue.Create((decimal?)number.Mask(value))
                    : MaskNumberAsText(raw);
            case JsonValueKind.Number:
                return MaskNumberAsText(leaf.ToJsonString());
            default:
                return leaf.DeepClone();
        }
    }

    /// <summary>A number masked as its digits stays a number when the mask kept it one (format-preserving does).</summary>
    private JsonValue? MaskNumberAsText(string raw)
    {
        var masked = (string?)text.Mask(raw);
        return decimal.TryParse(masked, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(masked);
    }
}
