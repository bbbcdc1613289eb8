namespace DataRefresh.Cli.Output.Report;

/// <summary>How many columns carry one classification (<c>unclassified</c> for columns whose rule names none).</summary>
internal sealed record ClassificationCount(string Classification, int Columns);
