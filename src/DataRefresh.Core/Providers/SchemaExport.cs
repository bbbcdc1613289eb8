namespace DataRefresh.Core.Providers;

/// <summary>
/// The source's schema as a target needs it: the neutral model, and the engine's own archive where it has one (the
/// pg_dump archive for PostgreSQL), which a target of the same engine restores as it is. A target of another engine builds
/// from <paramref name="Schema"/>, <paramref name="Keys"/> (tables, columns, primary keys, unique constraints and
/// indexes, foreign keys) and <see cref="Indexes"/>; <see cref="Objects"/> names what else the source's schema holds
/// (views, functions, triggers, indexes over expressions, …), which such a target lists as not built. Owned by the
/// snapshot that exported it, valid while that snapshot is open.
/// </summary>
public sealed record SchemaExport(Schema.DatabaseSchema Schema, IReadOnlyList<KeyDefinition> Keys, Configuration.ProviderKind Engine, object? NativeArchive)
{
    public IReadOnlyList<SchemaObject> Objects { get; init; } = [];

    /// <summary>The source's plain indexes over columns, which every engine builds from the model.</summary>
    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = [];

    /// <summary>
    /// Why no engine can build this schema's keys from the model, or null: a unique index over expressions or with a
    /// predicate, which a key definition cannot describe (and dropping it would let rows in that the source kept out).
    /// </summary>
    public string? UnbuildableKey() =>
        Keys.FirstOrDefault(key => key.Kind == KeyKind.UniqueIndex && !key.Simple) is { } index
            ? $"{index.Describe()} of {index.Table} has expressions or a predicate, which cannot be rebuilt from the {Engine} source"
            : null;
}
