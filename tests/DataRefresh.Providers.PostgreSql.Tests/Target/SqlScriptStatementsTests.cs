using DataRefresh.Providers.PostgreSql.Target;

namespace DataRefresh.Providers.PostgreSql.Tests.Target;

public sealed class SqlScriptStatementsTests
{
    [Fact]
    public void Statements_are_cut_at_top_level_semicolons_only()
    {
        const string sql = """
            -- a comment; not a statement
            UPDATE t SET a = 'x;y', b = E'it\'s;', c = 'it''s;';
            /* block; /* nested; */ still comment; */
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;
            SELECT "odd;name", $$a;b$$, a$b FROM t

            """;

        var statements = SqlScriptStatements.Split(sql);

        Assert.Equal(
            [
                "UPDATE t SET a = 'x;y', b = E'it\\'s;', c = 'it''s;'",
                "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$",
                "SELECT \"odd;name\", $$a;b$$, a$b FROM t\n",
            ],
            statements.Select(statement => statement.Text).ToArray());
        Assert.All(statements, statement => Assert.Equal(statement.Text, sql.Substring(statement.Offset, statement.Text.Length)));
    }

    [Fact]
    public void A_file_of_comments_and_blank_lines_has_no_statement()
    {
        Assert.Empty(SqlScriptStatements.Split("-- only a comment;\n\n/* and; another */\n;\n"));
    }

    [Theory]
    [InlineData(0, 1, 3)]
    [InlineData(0, 0, 3)]
    [InlineData(0, 10, 4)]
    [InlineData(1, 0, 5)]
    public void A_server_position_becomes_a_file_line(int statement, int position, int line)
    {
        const string sql = "-- comment\n\nSELECT\n  nope FROM t;\n/* x */ SELECT 1;";
        var offset = SqlScriptStatements.Split(sql)[statement].Offset;

        Assert.Equal(line, PostgreSqlAfterStep.LineOf(sql, offset, position));
    }
}
