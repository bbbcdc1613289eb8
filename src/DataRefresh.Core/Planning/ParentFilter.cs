using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// Keeps a child table's rows consistent with a filtered parent: a row is copied only if its foreign key is NULL or
/// points at a parent row that is copied too, so the foreign key can still be created after the load.
/// </summary>
public sealed record ParentFilter(ForeignKeyInfo ForeignKey, TablePlan Parent);
