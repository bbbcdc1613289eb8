using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Providers;

/// <summary>
/// A plain (non-unique) index of the source that any engine can build from its columns alone: no expressions, no
/// predicate, an ordinary search tree. A target of another engine creates it after the load; the source lists the
/// indexes it cannot describe this way (expressions, predicates, special access methods) among its other objects.
/// </summary>
public sealed record IndexDefinition(QualifiedName Table, string Name, IReadOnlyList<string> Columns);
