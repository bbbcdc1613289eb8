using DataRefresh.Core.Values;

namespace DataRefresh.Core.Tests.Values;

public sealed class ArrayJsonTests
{
    [Fact]
    public void Every_element_type_of_the_value_contract_has_one_JSON_form()
    {
        object?[] elements =
        [
            null, 3L, 1.5, 12.30m, true, "a\"b", new byte[] { 1, 2 }, new DateOnly(2024, 2, 29),
            new DateTime(2024, 2, 29, 13, 4, 5, DateTimeKind.Unspecified).AddTicks(1),
            new DateTime(2024, 2, 29, 13, 4, 5, DateTimeKind.Utc),
            new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ];

        Assert.Equal(
            "[null,3,1.5,12.30,true,\"a\\u0022b\",\"AQI=\",\"2024-02-29\",\"2024-02-29 13:04:05.0000001\",\"2024-02-29 13:04:05\\u002B00:00\",\"0f8fad5b-d9cb-469f-a165-70867728950e\"]",
            ArrayJson.Serialize(elements));
    }

    [Fact]
    public void An_undecodable_element_never_reaches_the_text() =>
        Assert.Throws<InvalidOperationException>(() => ArrayJson.Serialize([1L, Undecodable.Value]));
}
