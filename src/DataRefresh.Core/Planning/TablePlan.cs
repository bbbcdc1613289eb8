using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// What happens to one table: which columns are copied (generated ones are not), how each is masked, and which rows go.
/// </summary>
public sealed record TablePlan(TableInfo Table, IReadOnlyList<ColumnPlan> Columns, RowSelection Rows, string? Where, SourceLocation? RuleLocation)
{
    /// <summary>Filters inherited from filtered parents; filled in by the planner once every table has a plan.</summary>
    public IReadOnlyList<ParentFilter> ParentFilters { get; internal set; } = [];

    /// <summary>No column is masked: rows can stream through as raw bytes without being decoded.</summary>
    public bool IsRaw => Columns.All(column => !column.IsMasked);

    public bool CopiesRows => Rows == RowSelection.All;

    /// <summary>Some rows may be left out (own filter or a filtered parent).</summary>
    public bool IsFiltered => Rows == RowSelection.None || Where is not null || ParentFilters.Count > 0;
}
