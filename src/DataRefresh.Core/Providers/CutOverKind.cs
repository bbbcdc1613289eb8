namespace DataRefresh.Core.Providers;

/// <summary>How a provider swaps the loaded copy in for the target.</summary>
public enum CutOverKind
{
    /// <summary>One transaction: a kill at any moment leaves the target's name on the old copy or the new one, never on neither.</summary>
    Atomic,

    /// <summary>Steps that cannot share a transaction (SQL Server renames): a journal says how far a killed run got, and the next run or cleanup finishes or undoes it.</summary>
    Sequential,
}
