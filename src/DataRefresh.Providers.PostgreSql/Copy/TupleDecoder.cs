using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Values;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Turns a source tuple into masked values for a target of another engine: every field is decoded (the value contract's
/// CLR types), masked columns replaced by their masked values. A value that does not decode cannot travel in this form:
/// under a mask that reads it, the row masker writes NULL and counts it, as in the native path; in a column copied as it
/// is, the copy stops and names the column, so no original is lost or altered silently. One instance per worker.
/// </summary>
internal sealed class TupleDecoder(TablePlan plan, RowMasker masker, FieldCodec[] codecs)
{
    private readonly object?[] originals = new object?[codecs.Length];

    /// <summary>The row's values for the target, or null for a row outside the run's subset.</summary>
    public object?[]? Decode(ReadOnlySpan<byte> tuple)
    {
        FieldCodec.DecodeTuple(tuple, codecs, originals);
        var row = new object?[codecs.Length];
        if (!masker.Mask(originals, row))
        {
            return null;
        }

        for (var field = 0; field < codecs.Length; field++)
        {
            if (masker.Replaces(field))
            {
                continue;
            }

            row[field] = originals[field] is Undecodable
                ? throw new DataRefreshException(
                    ExitCodes.RefreshFailed,
                    $"{plan.Table.Name}.{plan.Columns[field].Column.Name} holds a value another engine cannot take (not a number, infinite, or beyond 28 digits or the year 9999); mask the column or leave those rows out with a where filter. The target was not changed.")
                : originals[field];
        }

        return row;
    }
}
