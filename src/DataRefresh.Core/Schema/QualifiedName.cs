using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Schema;

/// <summary>A table's schema and name, as written in rule files (<c>public.customers</c>). Unquoted; dialects quote.</summary>
public sealed record QualifiedName(string Schema, string Name)
{
    public const string DefaultSchema = "public";

    public static QualifiedName Parse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new QualifiedName(DefaultSchema, text) : new QualifiedName(text[..dot], text[(dot + 1)..]);
    }

    public override string ToString() => $"{Schema}.{Name}";
}
