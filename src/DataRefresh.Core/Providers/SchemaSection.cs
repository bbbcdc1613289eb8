namespace DataRefresh.Core.Providers;

/// <summary>The two halves of a schema: what rows need before they load, and what is cheaper to build after.</summary>
public enum SchemaSection
{
    /// <summary>Types, tables, functions, views: everything rows need, without indexes, constraints or triggers.</summary>
    PreData,

    /// <summary>Indexes, constraints, triggers, rules: built once, after the load.</summary>
    PostData,
}
