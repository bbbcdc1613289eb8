namespace DataRefresh.Core.Providers;

/// <summary>
/// An item of the source's schema beyond its tables' columns and keys — a view, a function, a trigger, an extension, a
/// partition, a generated column, a plain index — by kind and name only. A target of another engine says which of these it
/// could not create (<see cref="ITargetLoad.NotBuilt"/>), so the run names them before data moves and the audit keeps them.
/// </summary>
public sealed record SchemaObject(string Kind, string Name)
{
    public override string ToString() => $"{Kind} {Name}";
}
