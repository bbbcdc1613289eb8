using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Rules;

/// <summary>
/// Rules for one table: column masks, whether rows are copied at all, and an optional SQL row filter
/// (<paramref name="Where"/>, evaluated on the source inside the read-only snapshot).
/// </summary>
public sealed record TableRule(
    QualifiedName Table,
    SourceLocation Location,
    IReadOnlyList<ColumnRule> Columns,
    RowSelection Rows = RowSelection.All,
    string? Where = null)
{
    public ColumnRule? FindColumn(string name) => Columns.FirstOrDefault(column => column.Column == name);
}
