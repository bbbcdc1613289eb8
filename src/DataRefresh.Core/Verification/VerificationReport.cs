namespace DataRefresh.Core.Verification;

/// <summary>Every check of one run's verification; the cut-over happens only when none failed.</summary>
public sealed record VerificationReport(IReadOnlyList<VerificationCheck> Checks)
{
    public static VerificationReport Empty { get; } = new([]);

    public IEnumerable<VerificationCheck> Failures => Checks.Where(check => check.Outcome == CheckOutcome.Failed);

    public IEnumerable<VerificationCheck> Warnings => Checks.Where(check => check.Outcome == CheckOutcome.Warning);

    public bool Passed => !Failures.Any();
}
