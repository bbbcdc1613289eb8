using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Rules;

/// <summary>
/// Reads rule files. Strict on purpose: an unknown key, strategy or parameter is a located error, because a rule that is
/// silently ignored is a column that silently leaks.
/// </summary>
public static class RuleFileLoader
{
    public const int SupportedVersion = 1;

    public static RuleSet Load(IReadOnlyList<string> paths)
    {
        var tables = new List<TableRule>();
        var firstSeen = new Dictionary<QualifiedName, SourceLocation>();
        foreach (var path in paths)
        {
            foreach (var table in LoadFile(path))
            {
                if (firstSeen.TryGetValue(table.Table, out var earlier))
                {
                    throw new FileFormatException(table.Location, $"table {table.Table} already has rules at {earlier}; keep each table's rules in one place.");
                }

                firstSeen[table.Table] = table.Location;
                tables.Add(table);
            }
        }

        return new RuleSet(paths, tables);
    }

    public static IReadOnlyList<TableRule> LoadFile(string path)
    {
        var file = YamlFile.Load(path, "rule file");
        var entries = file.Entries(file.Root, "a rule file", "version", "tables");
        if (!entries.TryGetValue("version", out var version))
        {
            throw file.Error(file.Root, $"the rule file has no 'version'; add 'version: {SupportedVersion}' at the top.");
        }

        if (file.Scalar(version.Value, "version") != SupportedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw file.Error(version.Value, $"unsupported rule file version; this DataRefresh reads version {SupportedVersion}.");
        }

        if (!entries.TryGetValue("tables", out var tablesEntry))
        {
            return [];
        }

        var tables = new List<TableRule>();
        foreach (var (nameNode, tableNode) in file.Mapping(tablesEntry.Value, "'tables'").Children)
        {
            tables.Add(ReadTable(file, nameNode, tableNode));
        }

        return tables;
    }

    private static TableRule ReadTable(YamlFile file, YamlNode nameNode, YamlNode tableNode)
    {
        var name = QualifiedName.Parse(file.Scalar(nameNode, "a table name"));
        var what = $"table {name}";
        var entries = file.Entries(file.Mapping(tableNode, what), what, "columns", "rows", "where");

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

        var columns = new List<ColumnRule>();
        if (entries.TryGetValue("columns", out var columnsEntry))
        {
            foreach (var (columnNode, ruleNode) in file.Mapping(columnsEntry.Value, $"the columns of {name}").Children)
            {
                columns.Add(ReadColumn(file, file.Scalar(columnNode, "a column name"), columnNode, ruleNode, name));
            }
        }

        return new TableRule(name, file.LocationOf(nameNode), columns, rows, where);
    }

    private static ColumnRule ReadColumn(YamlFile file, string column, YamlNode columnNode, YamlNode ruleNode, QualifiedName table)
    {
        var what = $"column {table}.{column}";
        var entries = file.Entries(file.Mapping(ruleNode, what), what, "mask", "faker", "locale", "value", "days");
        if (!entries.TryGetValue("mask", out var maskEntry))
        {
            throw file.Error(ruleNode, $"{what} has no 'mask'; choose one of {string.Join(", ", MaskStrategyNames.All)}.");
        }

        var maskName = file.Scalar(maskEntry.Value, "mask");
        if (!MaskStrategyNames.TryParse(maskName, out var strategy))
        {
            throw file.Error(maskEntry.Value, $"unknown mask '{maskName}'{DidYouMean.Hint(maskName, MaskStrategyNames.All)}; choose one of {string.Join(", ", MaskStrategyNames.All)}.");
        }

        var location = file.LocationOf(columnNode);
        string? Optional(string key) => entries.TryGetValue(key, out var entry) ? file.Scalar(entry.Value, key) : null;
        (YamlNode Key, YamlNode Value) Required(string key, string example) =>
            entries.TryGetValue(key, out var entry) ? entry : throw file.Error(ruleNode, $"mask '{maskName}' needs '{key}' ({example}).");

        RejectParametersOtherThan(file, entries, maskName, strategy switch
        {
            MaskStrategy.Fake => ["faker", "locale"],
            MaskStrategy.Constant => ["value"],
            MaskStrategy.ShiftDate => ["days"],
            _ => [],
        });

        switch (strategy)
        {
            case MaskStrategy.Fake:
                var faker = Required("faker", "e.g. faker: name.firstName");
                var locale = Optional("locale") ?? FakerCatalog.DefaultLocale;
                var problem = FakerCatalog.Check(file.Scalar(faker.Value, "faker"), locale);
                if (problem is not null)
                {
                    throw file.Error(problem.Value.InLocale ? entries["locale"].Value : faker.Value, problem.Value.Message);
                }

                return new ColumnRule(column, strategy, location, Faker: file.Scalar(faker.Value, "faker"), Locale: Optional("locale"));
            case MaskStrategy.Constant:
                return new ColumnRule(column, strategy, location, Value: file.Scalar(Required("value", "e.g. value: \"555-0100\"").Value, "value"));
            case MaskStrategy.ShiftDate:
                var days = file.Integer(Required("days", "e.g. days: 30").Value, "days", 1, 36_500);
                return new ColumnRule(column, strategy, location, Days: days);
            default:
                return new ColumnRule(column, strategy, location);
        }
    }

    private static void RejectParametersOtherThan(
        YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries, string maskName, string[] allowed)
    {
        foreach (var (key, entry) in entries)
        {
            if (key != "mask" && !allowed.Contains(key))
            {
                var accepted = allowed.Length == 0 ? "it takes no parameters" : "it takes " + string.Join(", ", allowed);
                throw file.Error(entry.Key, $"'{key}' does not apply to mask '{maskName}'; {accepted}.");
            }
        }
    }
}
