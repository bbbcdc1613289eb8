using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;

namespace DataRefresh.Core.Tests.Masking;

public sealed class UniqueResolverTests
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("unique-resolver-test-key-0123");

    /// <summary>A mask with a deliberately tiny output space (64 values per attempt), so collisions are certain.</summary>
    private sealed class TinyMasker(KeyedHash hash) : ColumnMasker
    {
        public override bool CanRedraw => true;

        public override object? Mask(object? value) => Redraw(value, 0);

        public override object? Redraw(object? value, int attempt) =>
            value is null ? null : $"v{(hash.Compute64(value) + ((ulong)attempt * 0x9E3779B97F4A7C15UL)) % 64}-{attempt / 4}";
    }

    private static async Task<List<object?>> MaskAllAsync(IReadOnlyList<string> inputs)
    {
        var masker = new TinyMasker(new KeyedHash(Key, "tiny"));
        var resolution = await UniqueResolver.ResolveAsync(masker, new KeyedHash(Key, "identity"), Stream, "t.c", TestContext.Current.CancellationToken);
        var resolved = new ResolvedMasker(masker, resolution);
        return inputs.Select(input => resolved.Mask(input)).ToList();

        async IAsyncEnumerable<object?> Stream([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
        {
            foreach (var input in inputs)
            {
                token.ThrowIfCancellationRequested();
                yield return input;
            }

            await Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Colliding_outputs_are_redrawn_until_every_input_has_its_own_and_the_result_ignores_input_order()
    {
        var inputs = Enumerable.Range(0, 500).Select(index => $"person{index}@example.com").ToList();
        var shuffled = inputs.OrderBy(input => input.GetHashCode(StringComparison.Ordinal)).ToList();

        var first = await MaskAllAsync(inputs);
        var second = await MaskAllAsync(shuffled);

        Assert.Equal(inputs.Count, first.Distinct().Count());
        var byInput = inputs.Zip(first).ToDictionary(pair => pair.First, pair => pair.Second);
        Assert.All(shuffled.Zip(second), pair => Assert.Equal(byInput[pair.First], pair.Second));
    }

    [Fact]
    public async Task Equal_inputs_keep_equal_outputs_and_nulls_pass()
    {
        var outputs = await MaskAllAsync(["a", "b", "a", "c", "b"]);

        Assert.Equal(outputs[0], outputs[2]);
        Assert.Equal(outputs[1], outputs[4]);
        Assert.Equal(3, outputs.Distinct().Count());
    }

    [Fact]
    public async Task A_mask_that_cannot_produce_enough_values_is_a_clear_error()
    {
        var constant = new ConstantRedraw();
        var error = await Assert.ThrowsAsync<DataRefreshException>(() => UniqueResolver.ResolveAsync(
            constant, new KeyedHash(Key, "identity"), Two, "public.t.code", TestContext.Current.CancellationToken));

        Assert.Contains("public.t.code is unique", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("first", error.Message, StringComparison.Ordinal);

        static async IAsyncEnumerable<object?> Two([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
        {
            yield return "first";
            yield return "second";
            await Task.CompletedTask;
        }
    }

    private sealed class ConstantRedraw : ColumnMasker
    {
        public override bool CanRedraw => true;

        public override object? Mask(object? value) => "same";

        public override object? Redraw(object? value, int attempt) => "same";
    }
}
