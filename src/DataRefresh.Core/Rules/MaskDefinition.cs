using System.Globalization;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules.Catalog;

namespace DataRefresh.Core.Rules;

/// <summary>
/// A strategy with its parameters, as checked by the loader: every parameter of the strategy is present (omitted optional
/// ones hold their default or are absent when they have none), in the CLR form its <see cref="ParameterKind"/> gives.
/// </summary>
public sealed record MaskDefinition(MaskStrategy Strategy, IReadOnlyDictionary<string, object> Parameters, SourceLocation Location)
{
    public StrategySpec Spec => StrategyCatalog.Of(Strategy);

    /// <summary>A mask built in code (tests, benchmarks): omitted parameters take their defaults, fake's locale is en.</summary>
    public static MaskDefinition Of(MaskStrategy strategy, params (string Name, object Value)[] parameters)
    {
        var values = parameters.ToDictionary(parameter => parameter.Name, parameter => parameter.Value, StringComparer.Ordinal);
        foreach (var parameter in StrategyCatalog.Of(strategy).Parameters.Where(parameter => parameter.Default is not null))
        {
            values.TryAdd(parameter.Name, parameter.Default!);
        }

        if (strategy == MaskStrategy.Fake)
        {
            values.TryAdd("locale", Masking.FakerCatalog.DefaultLocale);
        }

        return new MaskDefinition(strategy, values, new SourceLocation("code", 1, 1));
    }

    public string Name => Spec.Name;

    public string? Text(string name) => Parameters.TryGetValue(name, out var value) ? (string)value : null;

    public int Integer(string name) => (int)Parameters[name];

    public double Number(string name) => (double)Parameters[name];

    public char Character(string name) => (char)Parameters[name];

    public IReadOnlyList<string>? Choices(string name) => Parameters.TryGetValue(name, out var value) ? (IReadOnlyList<string>)value : null;

    public LookupFile File(string name) => (LookupFile)Parameters[name];

    public IReadOnlyList<JsonPathRule> JsonPaths(string name) => (IReadOnlyList<JsonPathRule>)Parameters[name];

    /// <summary>
    /// The strategy and its parameters as one line, e.g. <c>fake faker=name.firstName locale=de</c>. Columns with the same
    /// description and no <c>domain</c> share one mapping, so joins on masked values survive.
    /// </summary>
    public string Describe()
    {
        var parts = Spec.Parameters
            .Where(parameter => Parameters.ContainsKey(parameter.Name))
            .Select(parameter => $"{parameter.Name}={Format(Parameters[parameter.Name])}");
        return string.Join(' ', [Name, .. parts]);
    }

    private static string Format(object value) => value switch
    {
        IReadOnlyList<string> list => "[" + string.Join(",", list) + "]",
        IReadOnlyList<JsonPathRule> paths => "{" + string.Join("; ", paths.Select(path => $"{path.Path}: {path.Rule.Describe()}")) + "}",
        double number => number.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
