namespace DataRefresh.Core.Providers;

/// <summary>
/// Rows as values, masked, in the CLR types of the value contract (<see cref="Values.ValueContract"/>): the form batches
/// take between engines that do not share a native one. One value per copied column of the table plan, in plan order.
/// </summary>
public sealed class DecodedRowBatch(IReadOnlyList<object?[]> rows) : ValueRowBatch(rows)
{
    /// <summary>The name of this form in <see cref="ITableReader.Format"/>.</summary>
    public const string Format = "decoded";
}
