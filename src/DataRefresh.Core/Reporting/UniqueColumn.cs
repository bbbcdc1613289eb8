namespace DataRefresh.Core.Reporting;

/// <summary>A column that must stay unique, how it does, and a sentence saying so (e.g. <c>unique key: injective</c>).</summary>
public sealed record UniqueColumn(UniqueHandling Handling, string Description)
{
    public override string ToString() => Description;
}
