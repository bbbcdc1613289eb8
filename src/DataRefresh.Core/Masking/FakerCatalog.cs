using System.Linq.Expressions;
using System.Reflection;
using Bogus;

namespace DataRefresh.Core.Masking;

/// <summary>
/// Resolves a rule's <c>faker: dataset.method</c> path (<c>name.firstName</c>, <c>internet.email</c>) to a Bogus dataset
/// method that can be called with no arguments, and checks locales against Bogus' own list.
/// </summary>
public static class FakerCatalog
{
    public const string DefaultLocale = "en";

    private static readonly Dictionary<string, PropertyInfo> Datasets = typeof(Faker)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => typeof(DataSet).IsAssignableFrom(property.PropertyType))
        .ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Locales = new(Bogus.Database.GetAllLocales(), StringComparer.Ordinal);

    public static IEnumerable<string> DatasetNames => Datasets.Keys.Select(name => char.ToLowerInvariant(name[0]) + name[1..]);

    /// <summary>Why a faker path or locale is unusable, or null when it is fine. <c>InLocale</c> says which part is wrong.</summary>
    public static (string Message, bool InLocale)? Check(string path, string locale)
    {
        if (CheckLocale(locale) is { } localeProblem)
        {
            return (localeProblem, true);
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return ($"faker '{path}' must be dataset.method, e.g. name.firstName or internet.email.", false);
        }

        var datasetName = path[..dot];
        if (!Datasets.TryGetValue(datasetName, out var dataset))
        {
            return ($"unknown Bogus dataset '{datasetName}'{Errors.DidYouMean.Hint(datasetName, DatasetNames)}; known: {string.Join(", ", DatasetNames.Order())}.", false);
        }

        var methodName = path[(dot + 1)..];
        if (FindMethod(dataset.PropertyType, methodName) is null)
        {
            var methods = CallableMethods(dataset.PropertyType).Select(method => char.ToLowerInvariant(method.Name[0]) + method.Name[1..]).Distinct().ToList();
            return ($"Bogus dataset '{datasetName}' has no method '{methodName}' callable without arguments{Errors.DidYouMean.Hint(methodName, methods)}.", false);
        }

        return null;
    }

    /// <summary>Why Bogus cannot use <paramref name="locale"/>, or null when it can.</summary>
    public static string? CheckLocale(string locale) => Locales.Contains(locale)
        ? null
        : $"unknown locale '{locale}'{Errors.DidYouMean.Hint(locale, Locales)}; Bogus knows {string.Join(", ", Locales.Order())}.";

    /// <summary>The CLR type a faker path produces (string for most; DateTime for date.past, …).</summary>
    public static Type ReturnType(string path) => Resolve(path).Method.ReturnType;

    /// <summary>A dataset instance for one worker plus a compiled call of the method on it.</summary>
    public static (DataSet Dataset, Func<object?> Generate) Create(string path, string locale)
    {
        var (property, method) = Resolve(path);
        var dataset = (DataSet)property.GetValue(new Faker(locale))!;
        var call = Expression.Call(
            Expression.Constant(dataset, property.PropertyType),
            method,
            method.GetParameters().Select(parameter => Expression.Constant(parameter.DefaultValue, parameter.ParameterType)));
        var generate = Expression.Lambda<Func<object?>>(Expression.Convert(call, typeof(object))).Compile();
        return (dataset, generate);
    }

    private static (PropertyInfo Property, MethodInfo Method) Resolve(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var property = Datasets[path[..dot]];
        return (property, FindMethod(property.PropertyType, path[(dot + 1)..])!);
    }

    private static MethodInfo? FindMethod(Type datasetType, string name) =>
        CallableMethods(datasetType)
            .Where(method => string.Equals(method.Name, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(method => method.GetParameters().Length)
            .FirstOrDefault();

    private static IEnumerable<MethodInfo> CallableMethods(Type datasetType) =>
        datasetType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.DeclaringType != typeof(object) && method.ReturnType != typeof(void) && !method.IsGenericMethod && !method.IsSpecialName)
            .Where(method => method.GetParameters().All(parameter => parameter.HasDefaultValue));
}
