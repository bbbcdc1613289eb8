using System.Buffers.Binary;
using DataRefresh.Core.Values;
using DataRefresh.Providers.PostgreSql.Schema;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Decodes and writes one column's values in binary COPY form: scalars through <see cref="BinaryValueCodec"/>, arrays as
/// <c>object?[]</c> of their elements (every dimension, in storage order). A value that does not decode — or an array
/// with an element that does not — is <see cref="Undecodable.Value"/>. An array written back keeps the shape of the one
/// last decoded when it has as many elements (element-wise masks), else it is written one-dimensional. One instance per
/// worker and column: it remembers that shape between decoding a row and writing it.
/// </summary>
internal sealed class FieldCodec
{
    private const int ArrayHeaderSize = 12;

    private readonly string baseType;
    private readonly BinaryValueCodec.Decoder? decode;
    private readonly string? elementType;
    private readonly BinaryValueCodec.Decoder? decodeElement;
    private readonly uint elementOid;
    private int[] shape = [];

    /// <param name="targetElementOid">The element OID arrays are written with in the target (0: the source's, a built-in type).</param>
    public FieldCodec(PostgreSqlColumnType type, uint targetElementOid = 0)
    {
        baseType = type.BaseType;
        decode = type.IsEnum ? BinaryValueCodec.DecodeText : PostgreSqlTypes.DecoderOf(type.BaseType);
        elementType = type.ElementBaseType;
        decodeElement = elementType is null ? null : PostgreSqlTypes.DecoderOf(elementType);
        elementOid = targetElementOid != 0 ? targetElementOid : type.ElementOid;
    }

    /// <summary>Whether values of this column can decode at all (single values may still be out of range).</summary>
    public bool CanDecode => elementType is null ? decode is not null : decodeElement is not null;

    /// <summary>Decodes every field of a binary COPY tuple into <paramref name="values"/>: null for NULL, else as <see cref="Decode"/> gives.</summary>
    public static void DecodeTuple(ReadOnlySpan<byte> tuple, FieldCodec[] codecs, object?[] values)
    {
        var offset = BinaryCopyFormat.FieldCountSize;
        for (var field = 0; field < codecs.Length; field++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(tuple[offset..]);
            offset += BinaryCopyFormat.FieldLengthSize;
            values[field] = length < 0 ? null : codecs[field].Decode(tuple.Slice(offset, length));
            offset += Math.Max(0, length);
        }
    }

    /// <summary>The value of a non-null field's bytes, or <see cref="Undecodable.Value"/>.</summary>
    public object Decode(ReadOnlySpan<byte> data)
    {
        if (elementType is null)
        {
            return decode is not null && decode(data, out var value) ? value : Undecodable.Value;
        }

        return decodeElement is not null && TryDecodeArray(data, out var elements) ? elements : Undecodable.Value;
    }

    /// <summary>Writes one field (length prefix and bytes) holding <paramref name="value"/>, or NULL.</summary>
    public void Write(object? value, BatchBuffer output)
    {
        if (elementType is null || value is null)
        {
            BinaryValueCodec.WriteField(baseType, value, output);
            return;
        }

        var elements = (object?[])value;
        var lengthAt = output.Length;
        output.WriteInt32(0);
        var dimensions = elements.Length == 0 ? Array.Empty<int>() : Product(shape) == elements.Length ? shape : [elements.Length, 1];
        output.WriteInt32(dimensions.Length / 2);
        output.WriteInt32(elements.Contains(null) ? 1 : 0);
        output.WriteInt32(unchecked((int)elementOid));
        foreach (var number in dimensions)
        {
            output.WriteInt32(number);
        }

        foreach (var element in elements)
        {
            BinaryValueCodec.WriteField(elementType, element, output);
        }

        output.PatchInt32(lengthAt, output.Length - lengthAt - 4);
    }

    private bool TryDecodeArray(ReadOnlySpan<byte> data, out object?[] elements)
    {
        elements = [];
        var dimensionCount = BinaryPrimitives.ReadInt32BigEndian(data);
        var at = ArrayHeaderSize;
        if (shape.Length != dimensionCount * 2)
        {
            shape = new int[dimensionCount * 2];
        }

        for (var index = 0; index < shape.Length; index++, at += 4)
        {
            shape[index] = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
        }

        elements = new object?[Product(shape)];
        for (var index = 0; index < elements.Length; index++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
            at += 4;
            if (length < 0)
            {
                continue;
            }

            if (!decodeElement!(data.Slice(at, length), out var element))
            {
                return false;
            }

            elements[index] = element;
            at += length;
        }

        return true;
    }

    /// <summary>How many elements an array of these dimensions holds (pairs of size and lower bound).</summary>
    private static int Product(int[] dimensions)
    {
        if (dimensions.Length == 0)
        {
            return 0;
        }

        var count = 1;
        for (var index = 0; index < dimensions.Length; index += 2)
        {
            count *= dimensions[index];
        }

        return count;
    }
}
