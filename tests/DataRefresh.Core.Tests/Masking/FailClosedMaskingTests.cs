using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;

namespace DataRefresh.Core.Tests.Masking;

/// <summary>
/// Fail closed, for every mask of the catalogue: a cell whose value could not be decoded is never masked from it and
/// never keeps it. Masks that do not read the value (null, constant) apply as usual; every other mask gives NULL and
/// counts the cell, which fails verification. A template builds its text from other columns, not from its own value.
/// </summary>
public sealed class FailClosedMaskingTests : IDisposable
{
    private static readonly ColumnInfo Text = new("value", "text", "text", ColumnCategory.Text, null, false, false);
    private static readonly ColumnInfo Amount = new("value", "numeric", "numeric", ColumnCategory.Numeric, null, false, false, 12, 2);
    private static readonly ColumnInfo Taken = new("value", "timestamp", "timestamp", ColumnCategory.Timestamp, null, false, false);
    private static readonly ColumnInfo Document = new("value", "jsonb", "jsonb", ColumnCategory.Json, null, false, false);
    private static readonly ColumnInfo Other = new("other", "text", "text", ColumnCategory.Text, null, false, false);

    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("{ mask: fake, faker: name.firstName }", "text", "counted")]
    [InlineData("{ mask: template, template: \"{other}!\" }", "text", "x!")]
    [InlineData("{ mask: lookup, file: cities.csv }", "text", "counted")]
    [InlineData("{ mask: regex-replace, pattern: \"[0-9]\", replacement: X }", "text", "counted")]
    [InlineData("{ mask: redact-text }", "text", "counted")]
    [InlineData("{ mask: partial, keepFirst: 1 }", "text", "counted")]
    [InlineData("{ mask: format-preserving }", "text", "counted")]
    [InlineData("{ mask: card }", "text", "counted")]
    [InlineData("{ mask: hash }", "text", "counted")]
    [InlineData("{ mask: shift-date, days: 30 }", "timestamp", "counted")]
    [InlineData("{ mask: generalize-date, to: year }", "timestamp", "counted")]
    [InlineData("{ mask: noise, percent: 10 }", "numeric", "counted")]
    [InlineData("{ mask: json, paths: { \"$.a\": { mask: hash } } }", "json", "counted")]
    [InlineData("{ mask: \"null\" }", "numeric", "null")]
    [InlineData("{ mask: constant, value: \"7\" }", "numeric", "7")]
    [InlineData("{ mask: hash, when: { other: [\"x\"] }, otherwise: { mask: keep }, reason: test }", "text", "counted")]
    [InlineData("{ mask: hash, when: { other: [\"y\"] }, otherwise: { mask: keep }, reason: test }", "text", "counted")]
    public void A_value_that_could_not_be_decoded_never_passes_a_mask_that_reads_it(string rule, string type, string expected)
    {
        var column = type switch { "numeric" => Amount, "timestamp" => Taken, "json" => Document, _ => Text };
        files.Write("cities.csv", "city\nBerlin\n");
        var path = files.Write("rules.yaml", $"version: 1\nunlisted: keep\ntables:\n  t:\n    columns:\n      value: {rule}\n");
        var schema = new DatabaseSchema([new TableInfo(new QualifiedName("public", "t"), [column, Other], [], 1, false)]);
        var plan = RefreshPlanner.Plan(schema, RuleFileLoader.Load([path], "public")).Tables.Single();
        var masker = new MaskingSession(MaskingKey.FromSecret("fail-closed-key-0123456789")).CreateRowMasker(plan);
        var results = new object?[2];

        // A cell that was not decoded reaches masks as the marker (the reader passes it for values out of range, and for
        // values that only null and constant replace, whose decoding they do not need).
        masker.Mask([Undecodable.Value, "x"], results);

        Assert.True(masker.Replaces(0));
        Assert.NotSame(Undecodable.Value, results[0]);
        Assert.Equal(expected == "counted" ? 1 : 0, masker.UndecodableCounts[0]);
        Assert.Equal(expected is "counted", masker.Decodes[0]);
        Assert.Equal(expected switch { "counted" or "null" => null, "7" => 7m, _ => (object)expected }, results[0]);
    }
}
