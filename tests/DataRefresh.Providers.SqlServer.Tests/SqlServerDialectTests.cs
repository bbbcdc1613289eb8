using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer.Tests;

public sealed class SqlServerDialectTests
{
    [Fact]
    public void Names_are_bracketed_with_closing_brackets_doubled_and_constants_are_unicode_with_quotes_doubled()
    {
        Assert.Equal("[sales].[order]]s [x]", SqlServerDialect.Quote(new QualifiedName("sales", "order]s [x")));
        Assert.Equal("[a], [b c]", SqlServerDialect.QuoteList(["a", "b c"]));
        Assert.Equal("N'it''s'", SqlServerDialect.Literal("it's"));
    }
}
