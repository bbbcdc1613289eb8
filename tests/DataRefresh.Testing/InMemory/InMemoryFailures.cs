using DataRefresh.Core.Schema;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// Failures a test plants in the in-memory provider: the copy of a table fails the next <c>times</c> attempts, each
/// after its writer took <c>afterBatches</c> batches (so rows were already reported when it fails), with a transient
/// or a permanent error.
/// </summary>
public sealed class InMemoryFailures
{
    private readonly Lock sync = new();
    private readonly Dictionary<QualifiedName, Planned> copies = [];

    public void FailCopy(QualifiedName table, int times, bool transient, int afterBatches = 1)
    {
        lock (sync)
        {
            copies[table] = new Planned(times, transient, afterBatches);
        }
    }

    /// <summary>How many planted copy failures have fired so far, over all tables.</summary>
    public int Fired { get; private set; }

    /// <summary>Called by a writer before it takes a batch; throws when a planted failure is due.</summary>
    internal void BeforeWrite(QualifiedName table, int batchesWritten)
    {
        lock (sync)
        {
            if (!copies.TryGetValue(table, out var planned) || planned.Remaining == 0 || batchesWritten < planned.AfterBatches)
            {
                return;
            }

            planned.Remaining--;
            Fired++;
            throw new InMemoryDatabaseException(
                planned.Transient ? $"copying {table}: connection lost (injected, transient)" : $"copying {table}: disk full (injected, permanent)",
                planned.Transient);
        }
    }

    private sealed class Planned(int times, bool transient, int afterBatches)
    {
        public int Remaining { get; set; } = times;

        public bool Transient { get; } = transient;

        public int AfterBatches { get; } = afterBatches;
    }
}
