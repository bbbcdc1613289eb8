using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Rules;

/// <summary>
/// Reads rule files. Strict on purpose: an unknown key, strategy or parameter is a located error, because a rule that is
/// silently ignored is a column that silently leaks. The keys accepted here are the ones the JSON Schema in <c>rules/</c>
/// describes (<see cref="RuleFileJsonSchema"/>).
/// </summary>
public static class RuleFileLoader
{
    public const int SupportedVersion = 1;

    internal static readonly string[] FileKeys = ["version", "draft", "unlisted", "locale", "largeObjects", "tables"];
    internal static readonly string[] TableKeys = ["columns", "rows", "where", "locale"];

    /// <summary>
    /// Merges rule files. Table names without a schema are in <paramref name="defaultSchema"/> (the source provider's).
    /// <paramref name="unlistedDefault"/> applies when no file states <c>unlisted:</c>; a file that does always wins, and
    /// of several the strictest.
    /// </summary>
    public static RuleSet Load(IReadOnlyList<string> paths, string defaultSchema, UnlistedPolicy unlistedDefault = UnlistedPolicy.Fail)
    {
        var tables = new List<TableRule>();
        var firstSeen = new Dictionary<QualifiedName, SourceLocation>();
        var unlisted = (UnlistedPolicy?)null;
        LargeObjectRule? largeObjects = null;
        var drafts = new List<SourceLocation>();
        foreach (var path in paths)
        {
            var file = LoadFile(path, defaultSchema);
            if (file.Draft is { } draft)
            {
                drafts.Add(draft);
            }

            if (file.LargeObjects is { } decision)
            {
                largeObjects = largeObjects is null
                    ? decision
                    : throw new FileFormatException(decision.Location, $"large objects are already decided at {largeObjects.Location}; decide them in one rule file.");
            }

            foreach (var table in file.Tables)
            {
                if (firstSeen.TryGetValue(table.Table, out var earlier))
                {
                    throw new FileFormatException(table.Location, $"table {table.Table} already has rules at {earlier}; keep each table's rules in one place.");
                }

                firstSeen[table.Table] = table.Location;
                tables.Add(table);
            }

            // Fail < Warn < Keep in the enum, so the strictest policy is the smallest.
            if (file.Unlisted is { } policy && (unlisted is null || policy < unlisted))
            {
                unlisted = policy;
            }
        }

        return new RuleSet(paths, tables, unlisted ?? unlistedDefault, largeObjects) { Drafts = drafts };
    }

    public static RuleFile LoadFile(string path, string defaultSchema)
    {
        var file = YamlFile.Load(path, "rule file");
        var entries = file.Entries(file.Root, "a rule file", FileKeys);
        if (!entries.TryGetValue("version", out var version))
        {
            throw file.Error(file.Root, $"the rule file has no 'version'; add 'version: {SupportedVersion}' at the top.");
        }

        if (file.Scalar(version.Value, "version") != SupportedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw file.Error(version.Value, $"unsupported rule file version; this DataRefresh reads version {SupportedVersion}.");
        }

        UnlistedPolicy? unlisted = entries.TryGetValue("unlisted", out var unlistedEntry)
            ? RuleValues.Enum<UnlistedPolicy>(file, unlistedEntry.Value, "unlisted")
            : null;
        var locale = entries.TryGetValue("locale", out var localeEntry) ? RuleValues.Locale(file, localeEntry.Value) : Masking.FakerCatalog.DefaultLocale;

        var tables = new List<TableRule>();
        if (entries.TryGetValue("tables", out var tablesEntry))
        {
            foreach (var (nameNode, tableNode) in file.Mapping(tablesEntry.Value, "'tables'").Children)
            {
                tables.Add(ReadTable(file, nameNode, tableNode, locale, defaultSchema));
            }
        }

        var largeObjects = entries.TryGetValue("largeObjects", out var largeObjectsEntry) ? ReadLargeObjects(file, largeObjectsEntry.Key, largeObjectsEntry.Value) : null;

        // A draft says, in any words, that nobody has reviewed the file yet; its presence is what counts.
        var draft = entries.TryGetValue("draft", out var draftEntry) ? file.LocationOf(draftEntry.Key) : null;
        return new RuleFile(path, tables, unlisted, largeObjects) { Draft = draft };
    }

    private static LargeObjectRule ReadLargeObjects(YamlFile file, YamlNode keyNode, YamlNode node)
    {
        var entries = file.Entries(file.Mapping(node, "'largeObjects'"), "'largeObjects'", LargeObjectRule.Keys);
        if (!entries.TryGetValue("action", out var action))
        {
            throw file.Error(node, "'largeObjects' needs an 'action': copy, empty or exclude.");
        }

        var decision = RuleValues.Enum<LargeObjectAction>(file, action.Value, "action");
        var reason = entries.TryGetValue("reason", out var reasonEntry) ? RuleValues.NonEmpty(file, reasonEntry.Value, "reason") : null;
        if (decision == LargeObjectAction.Copy && reason is null)
        {
            throw file.Error(action.Value, "copying large objects unmasked needs a 'reason' saying why they may be copied, e.g. reason: \"product images, no personal data\".");
        }

        var classification = entries.TryGetValue("classification", out var classificationEntry) ? RuleValues.Enum<Classification>(file, classificationEntry.Value, "classification") : (Classification?)null;
        return new LargeObjectRule(decision, reason, classification, file.LocationOf(keyNode));
    }

    private static TableRule ReadTable(YamlFile file, YamlNode nameNode, YamlNode tableNode, string fileLocale, string defaultSchema)
    {
        var name = QualifiedName.Parse(file.Scalar(nameNode, "a table name"), defaultSchema);
        var what = $"table {name}";
        var entries = file.Entries(file.Mapping(tableNode, what), what, TableKeys);

        var rows = RowSelection.All;
        if (entries.TryGetValue("rows", out var rowsEntry))
        {
            rows = file.Scalar(rowsEntry.Value, "rows") switch
            {
                "all" => RowSelection.All,
                "none" => RowSelection.None,
                _ => throw file.Error(rowsEntry.Value, "'rows' must be 'all' or 'none'."),
            };
        }

        string? where = null;
        if (entries.TryGetValue("where", out var whereEntry))
        {
            where = file.Scalar(whereEntry.Value, "where");
            if (string.IsNullOrWhiteSpace(where))
            {
                throw file.Error(whereEntry.Value, "'where' is empty; write a SQL condition or remove it.");
            }

            if (rows == RowSelection.None)
            {
                throw file.Error(whereEntry.Key, "'where' has no effect with 'rows: none'; remove one of them.");
            }
        }

        var locale = entries.TryGetValue("locale", out var localeEntry) ? RuleValues.Locale(file, localeEntry.Value) : fileLocale;
        var reader = new ColumnRuleReader(file, locale);
        var columns = new List<ColumnRule>();
        if (entries.TryGetValue("columns", out var columnsEntry))
        {
            foreach (var (columnNode, ruleNode) in file.Mapping(columnsEntry.Value, $"the columns of {name}").Children)
            {
                columns.Add(reader.Read(file.Scalar(columnNode, "a column name"), columnNode, ruleNode, name));
            }
        }

        return new TableRule(name, file.LocationOf(nameNode), columns, rows, where);
    }
}
