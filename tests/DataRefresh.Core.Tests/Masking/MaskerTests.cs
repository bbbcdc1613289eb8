using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Masking;

public sealed class MaskerTests
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("test-key-0123456789abcdef");
    private static readonly MaskingKey OtherKey = MaskingKey.FromSecret("another-key-0123456789abcdef");

    private static readonly string[] Names = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karl", "Lena", "Mia", "Noah", "Olga", "Paul"];

    private static ColumnInfo Text(int? maxLength = null, bool notNull = false) => new("c", "text", "text", ColumnCategory.Text, maxLength, notNull, false);

    private static ColumnInfo Of(ColumnCategory category, string type) => new("c", type, type, category, null, false, false);

    private static ColumnMasker Create(MaskDefinition mask, ColumnInfo column, MaskingKey? key = null)
    {
        Assert.Null(MaskerFactory.FindConflict(mask, column));
        var session = new MaskingSession(key ?? Key);
        return session.CreateColumnMasker(new MaskRule(mask, null, null, null, mask.Location), column);
    }

    [Theory]
    [InlineData("name.firstName", null)]
    [InlineData("name.lastName", "de")]
    [InlineData("internet.email", null)]
    [InlineData("address.streetAddress", "fr")]
    [InlineData("phone.phoneNumber", null)]
    [InlineData("finance.creditCardNumber", null)]
    [InlineData("finance.iban", null)]
    [InlineData("company.companyName", null)]
    [InlineData("lorem.sentence", null)]
    public void Fake_is_a_function_of_the_input_under_one_key_and_changes_with_the_key(string faker, string? locale)
    {
        var rule = MaskDefinition.Of(MaskStrategy.Fake, ("faker", faker), ("locale", locale ?? "en"));

        var first = Names.Select(Create(rule, Text()).Mask).ToList();
        var again = Names.Select(Create(rule, Text()).Mask).ToList();
        var otherKey = Names.Select(Create(rule, Text(), OtherKey).Mask).ToList();

        Assert.Equal(first, again);
        Assert.All(first, value => Assert.False(string.IsNullOrEmpty(Assert.IsType<string>(value))));
        Assert.True(first.Zip(otherKey).Count(pair => !Equals(pair.First, pair.Second)) >= Names.Length / 2, "another key must give other outputs");
        Assert.True(first.Distinct().Count() >= Names.Length / 2, "different inputs must mostly give different outputs");
    }

    [Theory]
    [InlineData("lorem.sentence")] // run by Bogus
    [InlineData("address.streetAddress")] // composed from Bogus' data
    public void Fake_values_are_cut_to_the_column_length_and_nulls_stay_null(string faker)
    {
        var masker = Create(MaskDefinition.Of(MaskStrategy.Fake, ("faker", faker)), Text(maxLength: 5));

        Assert.All(Names, name => Assert.InRange(((string)masker.Mask(name)!).Length, 1, 5));
        Assert.Null(masker.Mask(null));
    }

    [Fact]
    public void Hash_is_keyed_hex_cut_to_length_and_keeps_equal_inputs_equal()
    {
        var rule = MaskDefinition.Of(MaskStrategy.Hash);
        var masker = Create(rule, Text(maxLength: 20));

        var hashed = (string)masker.Mask("person1@example.com")!;

        Assert.Equal(20, hashed.Length);
        Assert.Matches("^[0-9a-f]+$", hashed);
        Assert.Equal(hashed, Create(rule, Text(maxLength: 20)).Mask("person1@example.com"));
        Assert.NotEqual(hashed, Create(rule, Text(maxLength: 20), OtherKey).Mask("person1@example.com"));
        Assert.NotEqual(hashed, masker.Mask("person2@example.com"));
    }

    [Fact]
    public void Hash_of_a_uuid_is_another_uuid()
    {
        var masker = Create(MaskDefinition.Of(MaskStrategy.Hash), Of(ColumnCategory.Uuid, "uuid"));
        var input = Guid.NewGuid();

        var masked = Assert.IsType<Guid>(masker.Mask(input));

        Assert.NotEqual(input, masked);
        Assert.Equal(masked, masker.Mask(input));
    }

    [Fact]
    public void Hash_of_numbers_dates_and_json_stays_in_the_column_s_kind_and_range()
    {
        var hash = MaskDefinition.Of(MaskStrategy.Hash);
        var smallint = Create(hash, Of(ColumnCategory.Integer, "int2") with { Precision = 16 });
        var money = Create(hash, Of(ColumnCategory.Numeric, "numeric") with { Precision = 6, Scale = 2 });
        var floating = Create(hash, Of(ColumnCategory.Numeric, "float8") with { FloatingPoint = true });
        var day = Create(hash, Of(ColumnCategory.Date, "date"));
        var stamp = Create(hash, Of(ColumnCategory.TimestampWithTimeZone, "timestamptz"));
        var json = Create(hash, Of(ColumnCategory.Json, "jsonb"));

        var integers = Enumerable.Range(1, 300).Select(value => Assert.IsType<long>(smallint.Mask((long)value))).ToList();
        Assert.All(integers, value => Assert.InRange(value, 0, short.MaxValue));
        Assert.True(integers.Distinct().Count() > 250, "hashed integers collapsed onto few values");
        Assert.Equal(integers[0], smallint.Mask(1L));
        Assert.All(Enumerable.Range(1, 100), value =>
        {
            var amount = Assert.IsType<decimal>(money.Mask(value * 1.25m));
            Assert.InRange(amount, 0m, 9999.99m);
            Assert.Equal(amount, decimal.Round(amount, 2));
        });
        Assert.IsType<double>(floating.Mask(0.5));
        Assert.InRange(Assert.IsType<DateOnly>(day.Mask(new DateOnly(1980, 5, 17))), new DateOnly(1900, 1, 1), new DateOnly(2099, 12, 31));
        Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(stamp.Mask(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))).Kind);
        Assert.Matches("^\"[0-9a-f]{32}\"$", Assert.IsType<string>(json.Mask("{\"name\": \"Ann\"}")));
    }

    [Fact]
    public void Shift_date_moves_every_value_by_one_to_days_days_deterministically()
    {
        var rule = MaskDefinition.Of(MaskStrategy.ShiftDate, ("days", 30));
        var masker = Create(rule, Of(ColumnCategory.Date, "date"));
        var offsets = new List<int>();
        for (var day = 0; day < 200; day++)
        {
            var date = new DateOnly(1980, 1, 1).AddDays(day * 3);
            var shifted = (DateOnly)masker.Mask(date)!;
            offsets.Add(shifted.DayNumber - date.DayNumber);
            Assert.Equal(shifted, masker.Mask(date));
        }

        Assert.All(offsets, offset => Assert.InRange(Math.Abs(offset), 1, 30));
        Assert.Contains(offsets, offset => offset < 0);
        Assert.Contains(offsets, offset => offset > 0);
    }

    [Fact]
    public void Shift_date_keeps_the_kind_of_timestamps()
    {
        var masker = Create(MaskDefinition.Of(MaskStrategy.ShiftDate, ("days", 5)), Of(ColumnCategory.TimestampWithTimeZone, "timestamptz"));
        var input = new DateTime(2020, 5, 1, 12, 30, 0, DateTimeKind.Utc);

        var shifted = (DateTime)masker.Mask(input)!;

        Assert.Equal(DateTimeKind.Utc, shifted.Kind);
        Assert.Equal(input.TimeOfDay, shifted.TimeOfDay);
        Assert.NotEqual(input, shifted);
    }

    [Fact]
    public void Constant_and_null_replace_every_value()
    {
        var constant = Create(MaskDefinition.Of(MaskStrategy.Constant, ("value", "555-0100")), Text());
        var nothing = Create(MaskDefinition.Of(MaskStrategy.Null), Text());

        Assert.Equal("555-0100", constant.Mask("+49 30 1234567"));
        Assert.Null(constant.Mask(null));
        Assert.Null(nothing.Mask("123-45-6789"));
        Assert.Equal(42L, Create(MaskDefinition.Of(MaskStrategy.Constant, ("value", "42")), Of(ColumnCategory.Integer, "int4")).Mask(7L));
    }

    [Theory]
    [InlineData(MaskStrategy.Fake, ColumnCategory.Integer, "int4", "faker name.firstName produces text")]
    [InlineData(MaskStrategy.Hash, ColumnCategory.Other, "point", "hash fits text, integer, numeric")]
    [InlineData(MaskStrategy.ShiftDate, ColumnCategory.Text, "text", "shift-date fits date and timestamp columns")]
    [InlineData(MaskStrategy.Constant, ColumnCategory.Other, "point", "constant fits")]
    [InlineData(MaskStrategy.Constant, ColumnCategory.Integer, "int4", "not a valid int4 value")]
    public void A_rule_that_cannot_fit_its_column_is_found_before_data_moves(MaskStrategy strategy, ColumnCategory category, string type, string expected)
    {
        var rule = MaskDefinition.Of(strategy, ("faker", "name.firstName"), ("value", "abc"), ("days", 3));

        var conflict = MaskerFactory.FindConflict(rule, Of(category, type));

        Assert.NotNull(conflict);
        Assert.Contains(expected, conflict, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_into_a_not_null_column_and_a_too_long_constant_are_conflicts()
    {
        Assert.Contains("NOT NULL", MaskerFactory.FindConflict(MaskDefinition.Of(MaskStrategy.Null), Text(notNull: true)), StringComparison.Ordinal);
        Assert.Contains("at most 3 characters", MaskerFactory.FindConflict(MaskDefinition.Of(MaskStrategy.Constant, ("value", "555-0100")), Text(maxLength: 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_takes_null_or_a_constant_among_its_labels_and_nothing_else()
    {
        var state = Of(ColumnCategory.Other, "thing_state") with { Labels = ["new", "it's broken"] };

        Assert.Null(MaskerFactory.FindConflict(MaskDefinition.Of(MaskStrategy.Constant, ("value", "it's broken")), state));
        Assert.Null(MaskerFactory.FindConflict(MaskDefinition.Of(MaskStrategy.Null), state));
        Assert.Contains("not one of its labels (new, it's broken)", MaskerFactory.FindConflict(MaskDefinition.Of(MaskStrategy.Constant, ("value", "old")), state), StringComparison.Ordinal);
        Assert.Contains("hash fits", MaskerFactory.FindConflict(MaskDefinition.Of(MaskStrategy.Hash), state), StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        Assert.Equal("ab", TextFit.Truncate("ab😀", 3));
        Assert.Equal("abc", TextFit.Truncate("abcdef", 3));
        Assert.Equal("ab", TextFit.Truncate("ab", 3));
    }

    [Fact]
    public void A_short_masking_key_is_refused_and_a_key_never_shows_itself()
    {
        const string secret = "a-secret-that-is-long-enough";

        Assert.Equal(ExitCodes.Configuration, Assert.Throws<DataRefreshException>(() => MaskingKey.FromSecret("short")).ExitCode);
        Assert.DoesNotContain(secret, MaskingKey.FromSecret(secret).ToString(), StringComparison.Ordinal);
    }
}
