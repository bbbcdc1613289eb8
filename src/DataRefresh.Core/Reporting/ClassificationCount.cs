namespace DataRefresh.Core.Reporting;

/// <summary>How many columns carry one classification (<c>unclassified</c> for columns whose rule names none).</summary>
public sealed record ClassificationCount(string Classification, int Columns);
