using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification.Leakage;

namespace DataRefresh.Core.Tests.Verification;

/// <summary>Evidence is gathered by the row maskers of copy workers only, slices add up, and a retried slice counts once.</summary>
public sealed class LeakageRecorderTests
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("recorder-test-key-0123456789");

    private static TablePlan Plan()
    {
        var id = new ColumnInfo("id", "bigint", "int8", ColumnCategory.Integer, null, true, false, 64);
        var email = new ColumnInfo("email", "text", "text", ColumnCategory.Text, null, true, false);
        var table = new TableInfo(new QualifiedName("public", "people"), [id, email], [], 100, false);
        return new TablePlan(table, [new ColumnPlan(id, null), new ColumnPlan(email, ColumnRule.Of("email", MaskStrategy.Hash))], RowSelection.All, null, null);
    }

    private static void MaskRows(RowMasker masker, int from, int to)
    {
        var results = new object?[2];
        for (var row = from; row < to; row++)
        {
            masker.Mask([(long)row, $"person{row}@example.com"], results);
        }
    }

    [Fact]
    public void Slices_add_up_a_retried_slice_replaces_its_failed_attempt_and_previews_gather_nothing()
    {
        var plan = Plan();
        var recorder = new LeakageRecorder(Key);
        var session = new MaskingSession(Key) { Leakage = recorder };
        var slices = TableSlice.Split(100, 2);

        MaskRows(session.CreateRowMasker(plan, slices[0]), 0, 30);    // attempt that failed part-way
        MaskRows(session.CreateRowMasker(plan, slices[0]), 0, 50);    // its retry
        MaskRows(session.CreateRowMasker(plan, slices[1]), 50, 100);
        MaskRows(session.CreateRowMasker(plan), 0, 100);              // a preview: no slice, no evidence

        var email = Assert.Single(recorder.Columns());
        Assert.Equal("email", email.Column.Column.Name);
        Assert.Equal(100, email.NonNullRows);
        Assert.Equal(0, email.UnchangedRows);
        Assert.Equal(100, email.Sample.EstimatedOriginalDistinct);
        Assert.Equal(100, email.Sample.EstimatedMaskedDistinct);
        Assert.Equal(0, email.Sample.EstimatedSharedDistinct);
    }
}
