using BenchmarkDotNet.Attributes;
using Bogus;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
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
        "fake finance.creditCardNumber", "hash", "null", "constant", "shift-date")]
    public string Rule { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
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
