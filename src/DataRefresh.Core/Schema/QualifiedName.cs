using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Schema;

/// <summary>A table's schema and name, as written in rule files (<c>public.customers</c>). Unquoted; dialects quote.</summary>
public sealed record QualifiedName(string Schema, string Name)
{
    /// <summary>
    /// Reads <c>schema.table</c>, or a bare <c>table</c> in <paramref name="defaultSchema"/>: the provider's
    /// (<see cref="Providers.IRefreshProvider.DefaultSchema"/>: public, dbo, main).
    /// </summary>
    public static QualifiedName Parse(string text, string defaultSchema)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new QualifiedName(defaultSchema, text) : new QualifiedName(text[..dot], text[(dot + 1)..]);
    }

    public override string ToString() => $"{Schema}.{Name}";
}
