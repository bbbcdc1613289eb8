using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer.Schema.Catalog;

/// <summary>
/// A SQL Server source's schema as one read of its catalog gives it: the <see cref="Catalog"/> the scripter builds a SQL
/// Server target from (the provider's native archive), the neutral <see cref="Schema"/> the pipeline plans with, the keys
/// verification compares, the plain indexes and <see cref="Portability"/> list a target of another engine needs,
/// <see cref="NotScripted"/> (what no target gets, named before data moves), identity and sequence positions, and the
/// columns under Always Encrypted, which cannot be copied.
/// </summary>
internal sealed record SqlServerSourceSchema(
    SqlServerCatalog Catalog,
    DatabaseSchema Schema,
    IReadOnlyList<KeyDefinition> Keys,
    IReadOnlyList<IndexDefinition> Indexes,
    IReadOnlyList<SchemaObject> Portability,
    IReadOnlyList<SchemaObject> NotScripted,
    IReadOnlyList<SequenceState> Sequences,
    IReadOnlySet<string> EncryptedColumns);
