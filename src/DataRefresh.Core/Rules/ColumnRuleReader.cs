using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Fakes;
using DataRefresh.Core.Masking.Lookup;
using DataRefresh.Core.Masking.Strategies;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Rules.Catalog;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Rules;

/// <summary>
/// Reads one column's entry of a rule file: its mask (with parameters checked against <see cref="StrategyCatalog"/>),
/// condition and fallback, domain, and the compliance fields.
/// </summary>
internal sealed class ColumnRuleReader(YamlFile file, string locale)
{
    internal static readonly string[] MetadataKeys = ["classification", "reason", "owner", "unique"];
    internal static readonly string[] MaskKeys = ["mask", "domain", "when", "otherwise"];

    private static readonly HashSet<string> AllParameters = StrategyCatalog.All.SelectMany(spec => spec.Parameters).Select(parameter => parameter.Name).ToHashSet();

    public ColumnRule Read(string column, YamlNode columnNode, YamlNode ruleNode, QualifiedName table)
    {
        var what = $"column {table}.{column}";
        var mapping = file.Mapping(ruleNode, what);
        var rule = ReadMaskRule(mapping, what, allowMetadata: true, allowCondition: true);
        var metadata = file.Entries(mapping, what, [.. MetadataKeys, .. MaskKeys, .. AllParameters]);

        string? Optional(string key) => metadata.TryGetValue(key, out var entry) ? RuleValues.NonEmpty(file, entry.Value, key) : null;
        var reason = Optional("reason");
        var keep = rule.Branches().FirstOrDefault(branch => branch.Mask.Strategy == MaskStrategy.Keep);
        if (keep is not null && reason is null)
        {
            throw new FileFormatException(keep.Location, $"mask 'keep' on {what} needs a 'reason' saying why it may be copied unmasked, e.g. reason: \"surrogate key, no personal data\".");
        }

        return new ColumnRule(
            column,
            rule,
            file.LocationOf(columnNode),
            metadata.TryGetValue("classification", out var classification) ? RuleValues.Enum<Classification>(file, classification.Value, "classification") : null,
            reason,
            Optional("owner"),
            metadata.TryGetValue("unique", out var unique) && RuleValues.Boolean(file, unique.Value, "unique"));
    }

    private MaskRule ReadMaskRule(YamlMappingNode mapping, string what, bool allowMetadata, bool allowCondition)
    {
        string[] structural = [.. allowMetadata ? MetadataKeys : [], "mask", "domain", .. allowCondition ? (string[])["when", "otherwise"] : []];
        var entries = file.Entries(mapping, what, [.. structural, .. AllParameters]);
        if (!entries.TryGetValue("mask", out var maskEntry))
        {
            throw file.Error(mapping, $"{what} has no 'mask'; choose one of {string.Join(", ", StrategyCatalog.Names)}.");
        }

        var mask = ReadMask(entries, maskEntry, what);
        string? domain = null;
        if (entries.TryGetValue("domain", out var domainEntry))
        {
            domain = file.Scalar(domainEntry.Value, "domain");
            if (!Regex.IsMatch(domain, "^[A-Za-z0-9][A-Za-z0-9._-]*$"))
            {
                throw file.Error(domainEntry.Value, "'domain' must be a name of letters, digits, '.', '_' and '-', e.g. person-email.");
            }
        }

        RowCondition? when = null;
        MaskRule? otherwise = null;
        if (entries.TryGetValue("when", out var whenEntry))
        {
            when = ReadCondition(whenEntry.Value);
            if (!entries.TryGetValue("otherwise", out var otherwiseEntry))
            {
                throw file.Error(whenEntry.Key, $"'when' on {what} needs 'otherwise' for the rows it does not match, e.g. otherwise: {{ mask: hash }}; rows must never fall through unmasked.");
            }

            otherwise = ReadMaskRule(file.Mapping(otherwiseEntry.Value, "'otherwise'"), $"'otherwise' of {what}", allowMetadata: false, allowCondition: true);
        }
        else if (entries.TryGetValue("otherwise", out var strayOtherwise))
        {
            throw file.Error(strayOtherwise.Key, "'otherwise' needs a 'when' condition next to it; remove it or add the condition.");
        }

        return new MaskRule(mask, domain, when, otherwise, file.LocationOf(maskEntry.Key));
    }

    private MaskDefinition ReadMask(IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries, (YamlNode Key, YamlNode Value) maskEntry, string what)
    {
        var name = file.Scalar(maskEntry.Value, "mask");
        var spec = StrategyCatalog.Find(name)
            ?? throw file.Error(maskEntry.Value, $"unknown mask '{name}'{DidYouMean.Hint(name, StrategyCatalog.Names)}; choose one of {string.Join(", ", StrategyCatalog.Names)}.");

        foreach (var (key, entry) in entries)
        {
            if (AllParameters.Contains(key) && spec.FindParameter(key) is null)
            {
                var accepted = spec.Parameters.Count == 0 ? "it takes no parameters" : "it takes " + string.Join(", ", spec.Parameters.Select(parameter => parameter.Name));
                throw file.Error(entry.Key, $"'{key}' does not apply to mask '{name}'; {accepted}.");
            }
        }

        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in spec.Parameters)
        {
            if (entries.TryGetValue(parameter.Name, out var entry))
            {
                parameters[parameter.Name] = ReadParameter(parameter, entry.Value);
            }
            else if (parameter.Required)
            {
                throw file.Error(maskEntry.Value, $"mask '{name}' needs '{parameter.Name}' ({parameter.Description} e.g. {parameter.Name}: {parameter.Example}).");
            }
            else if (parameter.Default is { } fallback)
            {
                parameters[parameter.Name] = fallback;
            }
        }

        if (spec.Strategy == MaskStrategy.Lookup)
        {
            // Read now, so a missing column or a malformed file is a located error before any data moves.
            try
            {
                LookupDictionary.Load(((LookupFile)parameters["file"]).FullPath, (string?)parameters.GetValueOrDefault("column"));
            }
            catch (DataRefreshException exception)
            {
                throw file.Error(entries["file"].Value, exception.Message.TrimEnd('.') + ".");
            }
        }

        if (spec.Strategy == MaskStrategy.RegexReplace && RegexReplaceMasker.Validate((string)parameters["pattern"], (string)parameters["replacement"]) is { } regexProblem)
        {
            throw file.Error(entries["pattern"].Value, regexProblem.TrimEnd('.') + ".");
        }

        if (spec.Strategy == MaskStrategy.Fake)
        {
            parameters.TryAdd("locale", locale);
            var problem = FakerCatalog.Check((string)parameters["faker"], (string)parameters["locale"]);
            if (problem is { } found)
            {
                throw file.Error(found.InLocale && entries.TryGetValue("locale", out var localeEntry) ? localeEntry.Value : entries["faker"].Value, found.Message);
            }

            if (entries.TryGetValue("emailDomain", out var domainEntry))
            {
                var domainProblem = EmailDomains.IsEmailFaker((string)parameters["faker"])
                    ? EmailDomains.Check((string)parameters["emailDomain"])
                    : $"'emailDomain' applies to the e-mail fakers {string.Join(" and ", EmailDomains.Fakers)}, not to {parameters["faker"]}.";
                if (domainProblem is not null)
                {
                    throw file.Error(domainEntry.Value, domainProblem);
                }
            }
        }

        return new MaskDefinition(spec.Strategy, parameters, file.LocationOf(maskEntry.Value));
    }

    private object ReadParameter(ParameterSpec parameter, YamlNode node)
    {
        switch (parameter.Kind)
        {
            case ParameterKind.Integer:
                return file.Integer(node, parameter.Name, (int)parameter.Minimum, (int)parameter.Maximum);
            case ParameterKind.Number:
                return RuleValues.Number(file, node, parameter.Name, parameter.Minimum, parameter.Maximum);
            case ParameterKind.Character:
                var character = file.Scalar(node, parameter.Name);
                return character.Length == 1 ? character[0] : throw file.Error(node, $"'{parameter.Name}' must be exactly one character.");
            case ParameterKind.Choice:
                return Choice(parameter, node);
            case ParameterKind.ChoiceList:
                var items = node is YamlSequenceNode ? file.Sequence(node, parameter.Name) : [node];
                var choices = items.Select(item => Choice(parameter, item)).Distinct().ToList();
                return choices.Count > 0 ? choices : throw file.Error(node, $"'{parameter.Name}' is empty; list at least one of {string.Join(", ", parameter.Choices!)} or remove it.");
            case ParameterKind.FilePath:
                return ReadFile(node, parameter.Name);
            case ParameterKind.JsonPaths:
                return ReadJsonPaths(node);
            default:
                var text = file.Scalar(node, parameter.Name);
                return parameter.Name switch
                {
                    "template" => TemplateText.Parse(text) is { Problem: { } problem } ? throw file.Error(node, problem) : text,
                    _ => text,
                };
        }
    }

    private string Choice(ParameterSpec parameter, YamlNode node)
    {
        var text = file.Scalar(node, parameter.Name);
        return parameter.Choices!.Contains(text)
            ? text
            : throw file.Error(node, $"'{parameter.Name}' must be one of {string.Join(", ", parameter.Choices!)}, not '{text}'{DidYouMean.Hint(text, parameter.Choices!)}.");
    }

    private LookupFile ReadFile(YamlNode node, string what)
    {
        var written = RuleValues.NonEmpty(file, node, what);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file.Path))!;
        var full = Path.GetFullPath(Path.Combine(folder, written));
        return File.Exists(full)
            ? new LookupFile(written, full)
            : throw file.Error(node, $"the dictionary file '{written}' does not exist (looked for {full}); paths are relative to the rule file.");
    }

    private List<JsonPathRule> ReadJsonPaths(YamlNode node)
    {
        var paths = new List<JsonPathRule>();
        foreach (var (pathNode, ruleNode) in file.Mapping(node, "'paths'").Children)
        {
            var path = file.Scalar(pathNode, "a JSON path");
            var steps = JsonPathText.Parse(path, out var problem);
            if (steps is null)
            {
                throw file.Error(pathNode, $"JSON path '{path}' {problem}; write paths like $.contact.email or $.phones[*].number.");
            }

            var rule = ReadMaskRule(file.Mapping(ruleNode, $"path {path}"), $"path {path}", allowMetadata: false, allowCondition: false);
            if (rule.Mask.Strategy is MaskStrategy.Json or MaskStrategy.Template)
            {
                throw file.Error(ruleNode, $"mask '{rule.Mask.Name}' cannot be used inside a json path; mask the value itself (fake, hash, format-preserving, …).");
            }

            paths.Add(new JsonPathRule(path, steps, rule));
        }

        return paths.Count > 0 ? paths : throw file.Error(node, "'paths' is empty; map at least one JSON path to a mask.");
    }

    private RowCondition ReadCondition(YamlNode node)
    {
        var terms = new List<ConditionTerm>();
        foreach (var (columnNode, valueNode) in file.Mapping(node, "'when'").Children)
        {
            var column = file.Scalar(columnNode, "a column name in 'when'");
            var values = valueNode is YamlSequenceNode
                ? file.Sequence(valueNode, $"when {column}").Select(ConditionValue).ToList()
                : [ConditionValue(valueNode)];
            terms.Add(new ConditionTerm(column, values));
        }

        return terms.Count > 0 ? new RowCondition(terms) : throw file.Error(node, "'when' is empty; name a column and the values it must hold, e.g. when: { country: DE }.");
    }

    private string? ConditionValue(YamlNode node) => RuleValues.IsNull(node) ? null : file.Scalar(node, "a value in 'when'");
}
