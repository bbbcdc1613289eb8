using System.Text.Json.Nodes;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Rules.Catalog;

namespace DataRefresh.Core.Tests.Rules;

public sealed class RuleLanguageTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private ColumnRule LoadColumn(string rule)
    {
        var path = files.Write("rules.yaml", $"version: 1\ntables:\n  public.customers:\n    columns:\n      c: {rule}\n");
        return Assert.Single(Assert.Single(RuleFileLoader.LoadFile(path, "public").Tables).Columns);
    }

    [Fact]
    public void The_shipped_json_schema_is_the_one_the_loader_describes()
    {
        var shipped = File.ReadAllText(Path.Combine(Path.GetDirectoryName(SampleFiles.CrmRules)!, RuleFileJsonSchema.FileName));

        Assert.True(shipped == RuleFileJsonSchema.Generate(), "rules/datarefresh-rules.schema.json is stale: regenerate it with `datarefresh rules-schema > rules/datarefresh-rules.schema.json`.");
        Assert.StartsWith("# yaml-language-server: $schema=./" + RuleFileJsonSchema.FileName, File.ReadAllText(SampleFiles.CrmRules), StringComparison.Ordinal);
    }

    [Fact]
    public void For_every_strategy_the_schema_allows_exactly_the_keys_the_loader_accepts()
    {
        var schema = JsonNode.Parse(RuleFileJsonSchema.Generate())!;
        var branches = schema["$defs"]!["column"]!["allOf"]!.AsArray();
        foreach (var spec in StrategyCatalog.All)
        {
            var branch = branches.Single(candidate => (string?)candidate!["if"]!["properties"]!["mask"]!["const"] == spec.Name)!;
            var keys = branch["then"]!["properties"]!.AsObject().Select(pair => pair.Key).Order();
            string[] expected = [.. ColumnRuleReader.MetadataKeys, .. ColumnRuleReader.MaskKeys, .. spec.Parameters.Select(parameter => parameter.Name)];
            Assert.Equal(expected.Order(), keys);
        }
    }

    [Theory]
    [InlineData("{ mask: template, template: \"{first_name|slug}.{last_name|lower}@example.com\" }", MaskStrategy.Template, "template={first_name|slug}.{last_name|lower}@example.com")]
    [InlineData("{ mask: regex-replace, pattern: \"[0-9]\", replacement: X }", MaskStrategy.RegexReplace, "pattern=[0-9] replacement=X")]
    [InlineData("{ mask: redact-text, find: [email, ip] }", MaskStrategy.RedactText, "find=[email,ip]")]
    [InlineData("{ mask: partial, keepLast: 4 }", MaskStrategy.Partial, "keepFirst=0 keepLast=4 maskChar=*")]
    [InlineData("{ mask: format-preserving }", MaskStrategy.FormatPreserving, "format-preserving")]
    [InlineData("{ mask: card }", MaskStrategy.Card, "keepPrefix=6")]
    [InlineData("{ mask: generalize-date, to: year }", MaskStrategy.GeneralizeDate, "to=year")]
    [InlineData("{ mask: noise, percent: 12.5 }", MaskStrategy.Noise, "percent=12.5")]
    [InlineData("{ mask: keep, reason: \"surrogate key\", classification: internal, owner: dba }", MaskStrategy.Keep, "keep")]
    [InlineData("{ mask: json, paths: { \"$.contact.email\": { mask: hash }, \"$.phones[*]\": { mask: format-preserving } } }", MaskStrategy.Json, "paths={$.contact.email: hash; $.phones[*]: format-preserving}")]
    public void Every_strategy_reads_with_its_parameters_and_defaults(string rule, MaskStrategy strategy, string described)
    {
        var column = LoadColumn(rule);

        Assert.Equal(strategy, column.Strategy);
        Assert.Contains(described, column.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_reads_values_lists_and_null_and_needs_a_fallback()
    {
        var column = LoadColumn("{ when: { country: [DE, AT], deleted_at: null }, mask: format-preserving, otherwise: { mask: hash }, domain: national-id, classification: pii }");

        Assert.Equal("country in (DE, AT) and deleted_at = null", column.Rule.When!.ToString());
        Assert.Equal(MaskStrategy.Hash, column.Rule.Otherwise!.Mask.Strategy);
        Assert.Equal("national-id", column.Rule.EffectiveDomain);
        Assert.Equal(Classification.Pii, column.Classification);
    }

    [Theory]
    [InlineData("{ mask: keep }", "needs a 'reason'")]
    [InlineData("{ mask: hash, when: { a: b } }", "needs 'otherwise'")]
    [InlineData("{ mask: hash, otherwise: { mask: keep } }", "needs a 'when'")]
    [InlineData("{ mask: template, template: \"{a|lowr}\" }", "unknown filter 'lowr' (did you mean 'lower'?)")]
    [InlineData("{ mask: template, template: \"plain\" }", "has no {column} placeholder")]
    [InlineData("{ mask: regex-replace, pattern: \"[a-\", replacement: x }", "not a valid .NET regular expression")]
    [InlineData("{ mask: json, paths: { \"email\": { mask: hash } } }", "must start with '$'")]
    [InlineData("{ mask: generalize-date, to: week }", "'to' must be one of month, year")]
    [InlineData("{ mask: noise, percent: lots }", "'percent' must be a number from 0.001 to 100")]
    [InlineData("{ mask: hash, classification: pi }", "'classification' must be one of pii, phi, pci, secret, internal, public, not 'pi' (did you mean 'pii'?)")]
    [InlineData("{ mask: hash, unique: maybe }", "'unique' must be true or false")]
    [InlineData("{ mask: redact-text, find: [email, fax] }", "'find' must be one of email, iban, card, national-id, ip, phone, not 'fax'")]
    [InlineData("{ mask: partial, maskChar: \"**\" }", "'maskChar' must be exactly one character")]
    [InlineData("{ mask: lookup, file: no-such-dictionary.csv }", "the dictionary file 'no-such-dictionary.csv' does not exist")]
    public void A_bad_rule_is_one_located_sentence(string rule, string expected)
    {
        var error = Assert.Throws<FileFormatException>(() => LoadColumn(rule));

        Assert.Equal(5, error.Location.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidJobOrRules, error.ExitCode);
    }

    [Fact]
    public void The_strictest_unlisted_policy_of_the_files_wins()
    {
        var keep = files.Write("a.yaml", "version: 1\nunlisted: keep\ntables: {}\n");
        var warn = files.Write("b.yaml", "version: 1\nunlisted: warn\ntables: {}\n");
        var silent = files.Write("c.yaml", "version: 1\n");

        Assert.Equal(UnlistedPolicy.Warn, RuleFileLoader.Load([keep, warn], "public").Unlisted);
        Assert.Equal(UnlistedPolicy.Keep, RuleFileLoader.Load([keep], "public").Unlisted);
        Assert.Equal(UnlistedPolicy.Fail, RuleFileLoader.Load([silent], "public").Unlisted);
        Assert.Contains("'unlisted' must be one of fail, warn, keep", Assert.Throws<FileFormatException>(() => RuleFileLoader.LoadFile(files.Write("d.yaml", "version: 1\nunlisted: allow\n"), "public")).Message, StringComparison.Ordinal);
    }
}
