using System.Text.Json;
using System.Text.Json.Nodes;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Masking.Json;

/// <summary>
/// <c>mask: json</c>: masks the values at given paths inside a json/jsonb document and leaves the rest as it was. A path
/// that reaches an object or array masks every string and number inside it, so nothing under a listed path survives.
/// Strings are masked as text; numbers as numbers where the mask fits numbers (noise, format-preserving, …), else as text.
/// </summary>
internal sealed class JsonMasker(IReadOnlyList<(IReadOnlyList<JsonPathStep> Steps, JsonLeafMasker Masker)> paths) : ColumnMasker
{
    public override object? Mask(object? value)
    {
        if (value is not string text)
        {
            return value;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // The database accepted it, so this is json that System.Text.Json refuses (e.g. duplicate keys): mask it whole
            // rather than let it through.
            return "null";
        }

        if (root is null)
        {
            return text;
        }

        foreach (var (steps, masker) in paths)
        {
            Visit(root, steps, 0, masker);
        }

        return root.ToJsonString();
    }

    private static void Visit(JsonNode node, IReadOnlyList<JsonPathStep> steps, int depth, JsonLeafMasker masker)
    {
        if (depth == steps.Count)
        {
            return;
        }

        var step = steps[depth];
        var last = depth == steps.Count - 1;
        switch (node)
        {
            case JsonObject obj when step.Property is not null && obj.TryGetPropertyValue(step.Property, out var child):
                Apply(child, last, value => obj[step.Property] = value, steps, depth, masker);
                break;
            case JsonArray array when step.IsWildcard:
                for (var index = 0; index < array.Count; index++)
                {
                    var at = index;
                    Apply(array[index], last, value => array[at] = value, steps, depth, masker);
                }

                break;
            case JsonObject obj when step.IsWildcard:
                foreach (var name in obj.Select(pair => pair.Key).ToList())
                {
                    Apply(obj[name], last, value => obj[name] = value, steps, depth, masker);
                }

                break;
            case JsonArray array when step.Property is null && step.Index >= 0 && step.Index < array.Count:
                Apply(array[step.Index], last, value => array[step.Index] = value, steps, depth, masker);
                break;
        }
    }

    private static void Apply(JsonNode? child, bool last, Action<JsonNode?> replace, IReadOnlyList<JsonPathStep> steps, int depth, JsonLeafMasker masker)
    {
        if (child is null)
        {
            return;
        }

        if (!last)
        {
            Visit(child, steps, depth + 1, masker);
        }
        else if (child is JsonValue leaf)
        {
            replace(masker.Mask(leaf));
        }
        else
        {
            MaskEverything(child, masker);
        }
    }

    private static void MaskEverything(JsonNode node, JsonLeafMasker masker)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(pair => pair.Key).ToList())
                {
                    if (obj[name] is JsonValue leaf)
                    {
                        obj[name] = masker.Mask(leaf);
                    }
                    else if (obj[name] is { } inner)
                    {
                        MaskEverything(inner, masker);
                    }
                }

                break;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    if (array[index] is JsonValue leaf)
                    {
                        array[index] = masker.Mask(leaf);
                    }
                    else if (array[index] is { } inner)
                    {
                        MaskEverything(inner, masker);
                    }
                }

                break;
        }
    }
}
