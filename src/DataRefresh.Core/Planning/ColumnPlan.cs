using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>A copied column and the rule that masks it (null: copied as it is).</summary>
public sealed record ColumnPlan(ColumnInfo Column, ColumnRule? Rule)
{
    public bool IsMasked => Rule is not null;
}
