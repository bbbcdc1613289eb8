using DataRefresh.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Yaml;

/// <summary>
/// A YAML file read into nodes that remember where they stand, so every complaint about it can say file:line:column.
/// </summary>
internal sealed class YamlFile
{
    private YamlFile(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>The path as the user gave it (relative paths stay relative, so messages match what they typed).</summary>
    public string Path { get; }

    public YamlMappingNode Root { get; }

    public static YamlFile Load(string path, string whatItIs)
    {
        if (!File.Exists(path))
        {
            throw new DataRefreshException(ExitCodes.InvalidJobOrRules, $"The {whatItIs} '{path}' does not exist; check the path.");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            // YamlDotNet's message may quote the offending text; we only keep the parser's description of the problem.
            throw new FileFormatException(
                new SourceLocation(path, (int)exception.Start.Line, (int)exception.Start.Column),
                $"malformed YAML: {StripQuotedText(exception.Message)}; fix the syntax there.");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FileFormatException(new SourceLocation(path, 1, 1), $"the {whatItIs} must be a YAML mapping (key: value lines).");
        }

        return new YamlFile(path, root);
    }

    public SourceLocation LocationOf(YamlNode node) => new(Path, (int)node.Start.Line, (int)node.Start.Column);

    public FileFormatException Error(YamlNode node, string problem) => new(LocationOf(node), problem);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of keys to values.");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{what} must be a single value.");

    public int Integer(YamlNode node, string what, int minimum, int maximum)
    {
        var text = Scalar(node, what);
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < minimum || value > maximum)
        {
            throw Error(node, $"'{what}' must be a whole number from {minimum} to {maximum}.");
        }

        return value;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string what) =>
        node is YamlSequenceNode sequence ? sequence.Children.ToList() : throw Error(node, $"'{what}' must be a list ([a, b] or lines starting with '-').");

    /// <summary>Reads a mapping's entries by name, refusing any key the caller does not know: a typo must never be ignored.</summary>
    public IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> Entries(YamlMappingNode mapping, string what, params string[] allowedKeys)
    {
        var entries = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = Scalar(keyNode, "a key");
            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"unknown key '{key}' in {what}{DidYouMean.Hint(key, allowedKeys)}; allowed: {string.Join(", ", allowedKeys)}.");
            }

            if (!entries.TryAdd(key, (keyNode, valueNode)))
            {
                throw Error(keyNode, $"the key '{key}' appears twice in {what}.");
            }
        }

        return entries;
    }

    private static string StripQuotedText(string message)
    {
        // "(Line: 3, Col: 5, Idx: 20) - (Line: ...): While scanning..." — keep the part after the positions.
        var text = message.Contains("): ", StringComparison.Ordinal) ? message[(message.LastIndexOf("): ", StringComparison.Ordinal) + 3)..] : message;
        return text.TrimEnd('.');
    }
}
