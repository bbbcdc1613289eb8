using DataRefresh.Core.Masking.Rows;

namespace DataRefresh.Core.Providers;

/// <summary>
/// How a table is read: batches close at <paramref name="BatchSize"/> rows or <paramref name="MaxBatchBytes"/> bytes
/// (so very wide rows cannot grow a batch without bound), masked by the run's <paramref name="Masking"/> session.
/// <paramref name="TargetTypeId"/> gives the target's id of a user-defined type, for native formats that embed type ids
/// (PostgreSQL binary arrays of enums); Core passes it through from <see cref="ITargetLoad.ResolveTypeIdAsync"/>.
/// <paramref name="Decoded"/> asks for <see cref="DecodedRowBatch"/>es instead of the engine's native form: for a target
/// of another engine.
/// </summary>
public sealed record TableReadOptions(
    int BatchSize, MaskingSession Masking, Func<Schema.QualifiedName, CancellationToken, Task<long>> TargetTypeId, int MaxBatchBytes = TableReadOptions.DefaultMaxBatchBytes, bool Decoded = false)
{
    public const int DefaultMaxBatchBytes = 8 * 1024 * 1024;
}
