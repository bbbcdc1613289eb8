using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class LuhnTests
{
    [Theory]
    [InlineData("79927398713", true)] // the textbook example
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111-1111-1111-1112", false)]
    [InlineData("0", false)] // one digit is no check
    [InlineData("4111x1111", false)]
    [InlineData("", false)]
    public void Validity_of_known_numbers(string number, bool valid) => Assert.Equal(valid, Luhn.IsValid(number));

    [Fact]
    public void The_check_digit_is_the_only_one_that_validates()
    {
        var random = new Random(1);
        for (var run = 0; run < 1000; run++)
        {
            var payload = string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => random.Next(10)));
            var check = Luhn.CheckDigit(payload);

            for (var digit = '0'; digit <= '9'; digit++)
            {
                Assert.Equal(digit == check, Luhn.IsValid(payload + digit));
            }
        }

        Assert.Equal('3', Luhn.CheckDigit("7992739871"));
        Assert.Throws<ArgumentException>(() => Luhn.CheckDigit("12a4"));
    }
}
