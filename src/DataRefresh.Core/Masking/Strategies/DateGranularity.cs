namespace DataRefresh.Core.Masking.Strategies;

/// <summary>What <see cref="GeneralizeDateMasker"/> keeps of a date: its month or only its year.</summary>
public enum DateGranularity
{
    Month,
    Year,
}
