using System.Buffers.Binary;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Values;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Writes a source tuple into a batch for the target: the fields the row masker reads are decoded, the ones it replaces
/// re-encoded (never copied: a field that was not decoded is <see cref="Undecodable.Value"/> to the masker, which decides
/// without it or writes NULL); array fields of user types get the target's element OID; everything else is copied byte
/// for byte. One instance per worker.
/// </summary>
internal sealed class TupleRewriter
{
    // In a binary array the element type OID follows the dimension count and the has-nulls flag.
    private const int ArrayElementOidOffset = 8;

    private readonly RowMasker masker;
    private readonly FieldCodec[] codecs;
    private readonly uint[] elementOids;
    private readonly bool passThrough;
    private readonly int[] fieldOffsets;
    private readonly object?[] originals;
    private readonly object?[] results;

    /// <param name="masker">Decides which fields are decoded and replaced.</param>
    /// <param name="codecs">Per copied column: how its values decode and encode.</param>
    /// <param name="elementOids">Per copied column: the target OID to write into array headers of user types, or 0.</param>
    public TupleRewriter(RowMasker masker, FieldCodec[] codecs, uint[] elementOids)
    {
        this.masker = masker;
        this.codecs = codecs;
        this.elementOids = elementOids;
        passThrough = masker.IsPassThrough && elementOids.All(oid => oid == 0);
        fieldOffsets = new int[codecs.Length];
        originals = new object?[codecs.Length];
        results = new object?[codecs.Length];
    }

    /// <summary>Writes the tuple as the target gets it; false for a row outside the run's subset (nothing written).</summary>
    public bool Write(ReadOnlySpan<byte> tuple, BatchBuffer output)
    {
        if (passThrough)
        {
            output.Write(tuple);
            return true;
        }

        var fieldCount = BinaryPrimitives.ReadInt16BigEndian(tuple);
        var offset = BinaryCopyFormat.FieldCountSize;
        for (var field = 0; field < fieldCount; field++)
        {
            fieldOffsets[field] = offset;
            var length = BinaryPrimitives.ReadInt32BigEndian(tuple[offset..]);
            if (masker.Decodes[field])
            {
                originals[field] = length < 0 ? null : codecs[field].Decode(tuple.Slice(offset + BinaryCopyFormat.FieldLengthSize, length));
            }
            else if (masker.Replaces(field))
            {
                // Null and constant only ask whether there is a value.
                originals[field] = length < 0 ? null : Undecodable.Value;
            }

            offset += BinaryCopyFormat.FieldLengthSize + Math.Max(0, length);
        }

        if (!masker.Mask(originals, results))
        {
            return false;
        }

        output.WriteInt16(fieldCount);
        for (var field = 0; field < fieldCount; field++)
        {
            var end = field + 1 < fieldCount ? fieldOffsets[field + 1] : offset;
            var whole = tuple[fieldOffsets[field]..end];
            if (masker.Replaces(field))
            {
                codecs[field].Write(results[field], output);
            }
            else if (elementOids[field] != 0 && whole.Length >= BinaryCopyFormat.FieldLengthSize + ArrayElementOidOffset + 4)
            {
                var oidAt = BinaryCopyFormat.FieldLengthSize + ArrayElementOidOffset;
                output.Write(whole[..oidAt]);
                output.WriteInt32(unchecked((int)elementOids[field]));
                output.Write(whole[(oidAt + 4)..]);
            }
            else
            {
                output.Write(whole);
            }
        }

        return true;
    }
}