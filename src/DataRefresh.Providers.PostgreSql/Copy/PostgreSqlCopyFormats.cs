namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>The batch formats PostgreSQL readers produce and writers take (see <see cref="Core.Providers.ITableReader.Format"/>).</summary>
internal static class PostgreSqlCopyFormats
{
    /// <summary>Binary COPY tuples, masked in place; unmasked tables pass without decoding.</summary>
    public const string Binary = "postgresql-binary";

    /// <summary>Text COPY lines, UTF-8: tables with composite-type columns, whose binary form embeds OIDs. Never masked.</summary>
    public const string Text = "postgresql-text";
}
