using System.Runtime.CompilerServices;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// The rows of a binary COPY that is already running, each decoded by its fields' codecs; read to the real end of the
/// COPY, so the connection is left idle rather than cancelled.
/// </summary>
internal static class BinaryCopyRows
{
    public static async IAsyncEnumerable<object?[]> ReadAsync(NpgsqlRawCopyStream exporter, FieldCodec[] codecs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (var tuples = new CopyTupleReader(exporter))
        {
            while (true)
            {
                var tuple = await tuples.ReadTupleAsync(cancellationToken);
                if (tuple.IsEmpty)
                {
                    break;
                }

                var values = new object?[codecs.Length];
                FieldCodec.DecodeTuple(tuple.Span, codecs, values);
                yield return values;
            }
        }

        var drain = new byte[256];
        while (await exporter.ReadAsync(drain, cancellationToken) > 0)
        {
        }
    }
}
