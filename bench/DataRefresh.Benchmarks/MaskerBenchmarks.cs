using System.Globalization;
using BenchmarkDotNet.Attributes;
using Bogus;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Lookup;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Masking.Strategies;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Benchmarks;

/// <summary>One masker on one thread: each operation masks <see cref="Inputs.Count"/> distinct values, so Op/s × Count = values/s per core.</summary>
[MemoryDiagnoser]
public class MaskerBenchmarks
{
    private ColumnMasker masker = null!;
    private object[] values = null!;

    [Params(
        "fake name.firstName", "fake internet.email", "fake address.streetAddress", "fake phone.phoneNumber",
        "fake finance.creditCardNumber", "hash", "null", "constant", "shift-date",
        "regex-replace", "partial", "format-preserving", "format-preserving int8", "card", "generalize-date", "noise int8",
        "noise numeric", "lookup")]
    public string Rule { get; set; } = "";

    private string? lookupFolder;

    [GlobalSetup]
    public void Setup()
    {
        if (CreateStrategy() is { } strategy)
        {
            (masker, values) = strategy;
            return;
        }

        var text = Inputs.Column(ColumnCategory.Text, "text");
        var parts = Rule.Split(' ');
        (var rule, var column, values) = parts[0] switch
        {
            "fake" => (MaskDefinition.Of(MaskStrategy.Fake, ("faker", parts[1])), text, (object[])Inputs.Texts("person")),
            "hash" => (MaskDefinition.Of(MaskStrategy.Hash), text, Inputs.Texts("person")),
            "null" => (MaskDefinition.Of(MaskStrategy.Null), text, Inputs.Texts("person")),
            "constant" => (MaskDefinition.Of(MaskStrategy.Constant, ("value", "555-0100")), text, Inputs.Texts("person")),
            _ => (MaskDefinition.Of(MaskStrategy.ShiftDate, ("days", 30)), Inputs.Column(ColumnCategory.Date, "date"), Inputs.Dates()),
        };
        masker = new MaskingSession(Inputs.Key).CreateColumnMasker(new MaskRule(rule, null, null, null, rule.Location), column);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (lookupFolder is not null)
        {
            Directory.Delete(lookupFolder, recursive: true);
        }
    }

    /// <summary>The value-level strategies are built directly: the rule language reaches them through the factory later.</summary>
    private (ColumnMasker Masker, object[] Values)? CreateStrategy()
    {
        var hash = new KeyedHash(Inputs.Key, "bench.c:" + Rule);
        var integer = new ColumnInfo("c", "bigint", "int8", ColumnCategory.Integer, null, false, false, 64);
        return Rule switch
        {
            "regex-replace" => (new RegexReplaceMasker(@"\d", "#"), Inputs.Texts("+49 30 555-")),
            "partial" => (new PartialMasker(4, 4, '*'), Cards()),
            "format-preserving" => (new FormatPreservingMasker(hash, Inputs.Column(ColumnCategory.Text, "text")), Inputs.Texts("CUST-")),
            "format-preserving int8" => (new FormatPreservingMasker(hash, integer), Integers()),
            "card" => (new CardMasker(hash, 6), Cards()),
            "generalize-date" => (new GeneralizeDateMasker(DateGranularity.Month), Inputs.Dates()),
            "noise int8" => (new NoiseMasker(hash, 10, integer), Integers()),
            "noise numeric" => (new NoiseMasker(hash, 10, new ColumnInfo("c", "numeric(12,2)", "numeric", ColumnCategory.Numeric, null, false, false, 12, 2)),
                [.. Enumerable.Range(0, Inputs.Count).Select(index => (object)(1000.25m + (index * 3.17m)))]),
            "lookup" => (new LookupMasker(hash, LookupDictionary.Load(WriteCities(), null), Inputs.Column(ColumnCategory.Text, "text")), Inputs.Texts("person")),
            _ => null,
        };
    }

    private static object[] Cards() =>
        [.. Enumerable.Range(0, Inputs.Count).Select(index => (object)$"4111 11{index / 10_000 % 100:D2} {index % 10_000:D4} 111{index % 10}")];

    private static object[] Integers() => [.. Enumerable.Range(0, Inputs.Count).Select(index => (object)(1_000_000_007L * (index + 1)))];

    private string WriteCities()
    {
        lookupFolder = Directory.CreateTempSubdirectory("datarefresh-bench-").FullName;
        var path = Path.Combine(lookupFolder, "cities.csv");
        File.WriteAllLines(path, ["city", .. Enumerable.Range(0, 500).Select(index => "City " + index.ToString(CultureInfo.InvariantCulture))]);
        return path;
    }

    [Benchmark(OperationsPerInvoke = Inputs.Count)]
    public object? Mask()
    {
        object? last = null;
        foreach (var value in values)
        {
            last = masker.Mask(value);
        }

        return last;
    }
}

/// <summary>What the issue-2 masker did per value: a new Bogus Randomizer seeded from the value, then the dataset call.</summary>
[MemoryDiagnoser]
public class BogusReseededBaseline
{
    private readonly Faker faker = new("en");
    private readonly string[] values = Inputs.Texts("person");

    [Benchmark(OperationsPerInvoke = Inputs.Count)]
    public string FirstNameReseededPerValue()
    {
        var last = "";
        foreach (var value in values)
        {
            faker.Name.Random = new Randomizer(value.GetHashCode(StringComparison.Ordinal));
            last = faker.Name.FirstName();
        }

        return last;
    }
}
