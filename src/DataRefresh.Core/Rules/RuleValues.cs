using System.Globalization;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Rules;

/// <summary>Reads the small typed values of rule files, each refusal located and saying what is accepted.</summary>
internal static class RuleValues
{
    /// <summary>A lower-case, hyphenated enum name: <c>pii</c>, <c>fail</c>, <c>regex-replace</c>.</summary>
    public static string NameOf<T>(T value)
        where T : struct, Enum => string.Concat(value.ToString().Select((character, index) =>
            char.IsUpper(character) ? (index > 0 ? "-" : "") + char.ToLowerInvariant(character) : character.ToString()));

    public static IReadOnlyList<string> NamesOf<T>()
        where T : struct, Enum => System.Enum.GetValues<T>().Select(NameOf).ToList();

    public static T Enum<T>(YamlFile file, YamlNode node, string what)
        where T : struct, Enum
    {
        var text = file.Scalar(node, what);
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (NameOf(value) == text)
            {
                return value;
            }
        }

        var names = NamesOf<T>();
        throw file.Error(node, $"'{what}' must be one of {string.Join(", ", names)}, not '{text}'{DidYouMean.Hint(text, names)}.");
    }

    public static string Locale(YamlFile file, YamlNode node)
    {
        var locale = file.Scalar(node, "locale");
        return FakerCatalog.CheckLocale(locale) is { } problem ? throw file.Error(node, problem) : locale;
    }

    public static bool Boolean(YamlFile file, YamlNode node, string what) => file.Scalar(node, what) switch
    {
        "true" => true,
        "false" => false,
        _ => throw file.Error(node, $"'{what}' must be true or false."),
    };

    public static string NonEmpty(YamlFile file, YamlNode node, string what)
    {
        var text = file.Scalar(node, what);
        return string.IsNullOrWhiteSpace(text) ? throw file.Error(node, $"'{what}' is empty; write it out or remove the key.") : text;
    }

    public static double Number(YamlFile file, YamlNode node, string what, double minimum, double maximum)
    {
        var text = file.Scalar(node, what);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw file.Error(node, $"'{what}' must be a number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>A YAML null (<c>null</c>, <c>~</c> or nothing, unquoted) as opposed to the text "null".</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "null" or "~" or "Null" or "NULL";
}
