namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// The inputs of a unique domain whose first masked value collided with another input's, and which redraw makes each of
/// them distinct. Inputs are identified by 128 keyed bits, never held as values.
/// </summary>
public sealed class UniqueResolution(KeyedHash identity, IReadOnlyDictionary<UInt128, int> attempts, long distinctInputs)
{
    public KeyedHash Identity { get; } = identity;

    /// <summary>Inputs that need a redraw.</summary>
    public int Count => attempts.Count;

    public long DistinctInputs { get; } = distinctInputs;

    public int AttemptFor(object value)
    {
        Span<byte> id = stackalloc byte[KeyedHash.WideSize];
        Identity.Compute128(value, id);
        return attempts.GetValueOrDefault(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(id));
    }
}
