using DataRefresh.Core.Errors;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Fail closed, end to end on a real PostgreSQL: values the readers cannot represent (numeric NaN, ±Infinity, numerics
/// beyond decimal, infinite dates and timestamps) never reach the target. Masks that do not read their input (null,
/// constant) apply without decoding; any other mask on such a value stops the run before cut-over with exit 11 and an
/// "undecodable values" check naming table, column and count. Arrays take null, constant and element-wise masks.
/// </summary>
public sealed class FailClosedEndToEndTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, 50)
{
    // Rows 1–3 hold what no CLR type can: these originals must never appear in staging.
    private const string Odd = """
        CREATE TABLE readings (
            id int PRIMARY KEY,
            amount numeric,
            ratio float8,
            precise numeric(40,0),
            taken timestamp,
            day date,
            tags text[],
            grid text[][],
            counts int[]);
        INSERT INTO readings VALUES
            (1, 'NaN', 'NaN', 1234567890123456789012345678901234567890, 'infinity', 'infinity', '{alpha,beta}', '{{a,b},{c,NULL}}', '{1,2}'),
            (2, 123456789012345678901234567890, 'Infinity', -9876543210987654321098765432109876543210, '-infinity', '-infinity', '{gamma,NULL}', NULL, '{3}'),
            (3, '-Infinity', '-Infinity', 5, '294276-01-01', '5874897-01-01', '{}', '{{x}}', '{}');
        INSERT INTO readings SELECT n, n * 1.5, n * 0.25, n, timestamp '2020-01-01' + n * interval '1 day', date '2020-01-01' + n, ARRAY['t' || n], ARRAY[ARRAY['g' || n]], ARRAY[n]
        FROM generate_series(4, 40) n;
        """;

    [Fact]
    public async Task Null_and_constant_replace_values_no_reader_can_decode_and_the_originals_never_arrive()
    {
        await UseSourceAsync("odd", Odd);
        var job = WriteRulesJob("""
            version: 1
            unlisted: keep
            tables:
              public.readings:
                columns:
                  amount: { mask: "null" }
                  ratio: { mask: "null" }
                  precise: { mask: constant, value: "7" }
                  taken: { mask: "null" }
                  day: { mask: constant, value: "2000-01-01" }
                  tags: { mask: "null" }
                  grid: { mask: constant, value: "{masked,\"with, comma\",NULL}" }
            """);

        var (exitCode, output, error) = await Cli.RunAsync(["run", job]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings WHERE amount IS NOT NULL OR ratio IS NOT NULL OR taken IS NOT NULL OR tags IS NOT NULL"));
        Assert.Equal(40L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings WHERE precise = 7 AND day = date '2000-01-01'"));
        Assert.Equal(39L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings WHERE grid = ARRAY['masked', 'with, comma', NULL]"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings WHERE id = 2 AND grid IS NOT NULL"));
        Assert.DoesNotContain("undecodable", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amount: { mask: noise, percent: 10 }", "amount", "3")]
    [InlineData("ratio: { mask: noise, percent: 10 }", "ratio", null)]
    [InlineData("precise: { mask: noise, percent: 10 }", "precise", "2")]
    [InlineData("taken: { mask: shift-date, days: 30 }", "taken", "3")]
    [InlineData("day: { mask: generalize-date, to: year }", "day", "3")]
    public async Task A_mask_that_must_read_an_undecodable_value_stops_the_run_before_cut_over(string rule, string column, string? count)
    {
        await UseSourceAsync("odd", Odd);
        Assert.Equal(0, (await Cli.RunAsync(["run", WriteRulesJob("version: 1\nunlisted: keep\ntables: {}\n")])).ExitCode);
        var before = await ScalarAsync<string>(Staging, "SELECT md5(string_agg(readings::text, ',' ORDER BY id)) FROM readings");
        var job = WriteRulesJob($"version: 1\nunlisted: keep\ntables:\n  public.readings:\n    columns:\n      {rule}\n");

        var (exitCode, output, error) = await Cli.RunAsync(["run", job]);

        if (count is null)
        {
            // float8 holds NaN and ±Infinity as doubles: they decode, noise cannot move them, and verification says so.
            Assert.Equal(ExitCodes.VerificationFailed, exitCode);
            Assert.Contains("error: verification failed for public.readings.ratio: unchanged values (3 of 40 non-null rows", error, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(ExitCodes.VerificationFailed, exitCode);
        var errorLine = Assert.Single(error.Split('\n'), line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains($"verification failed for public.readings.{column}: undecodable values ({count} ", errorLine, StringComparison.Ordinal);
        Assert.Contains("the target was not changed", errorLine, StringComparison.Ordinal);
        Assert.Equal(before, await ScalarAsync<string>(Staging, "SELECT md5(string_agg(readings::text, ',' ORDER BY id)) FROM readings"));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
        var audit = await File.ReadAllLinesAsync(Cli.AuditFile, Token);
        Assert.Contains("\"check\":\"undecodable values\"", audit[^1], StringComparison.Ordinal);
        foreach (var original in new[] { "NaN", "1234567890123456789012345678901234567890", "123456789012345678901234567890", "294276", "5874897" })
        {
            Assert.DoesNotContain(original, output + error + audit[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_undecodable_value_in_a_not_null_column_stops_the_run_with_the_same_check()
    {
        var source = await Server.CreateDatabaseAsync("notnull", """
            CREATE TABLE amounts (id int PRIMARY KEY, amount numeric NOT NULL);
            INSERT INTO amounts SELECT n, n FROM generate_series(1, 30) n;
            INSERT INTO amounts VALUES (31, 'NaN');
            """, Token);
        Cli.UseEnvironments(("prod", Server.ConnectionStringFor(source), true), ("staging", Staging, false));

        var (exitCode, _, error) = await Cli.RunAsync(["run", WriteRulesJob("version: 1\nunlisted: keep\ntables:\n  public.amounts:\n    columns:\n      amount: { mask: noise, percent: 5 }\n")]);

        Assert.Equal(ExitCodes.VerificationFailed, exitCode);
        Assert.Contains("error: verification failed for public.amounts.amount: undecodable values (1 ", error, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
    }

    [Fact]
    public async Task Arrays_are_hashed_element_by_element_keeping_shape_and_nulls()
    {
        var source = await UseSourceAsync("odd", Odd);
        var job = WriteRulesJob("""
            version: 1
            unlisted: keep
            tables:
              public.readings:
                columns:
                  tags: { mask: hash }
                  grid: { mask: hash }
                  counts: { mask: hash }
            """);

        var (exitCode, _, error) = await Cli.RunAsync(["run", job]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(40L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings WHERE tags IS NOT NULL"));
        Assert.Equal(
            await ScalarAsync<string>(source, "SELECT string_agg(concat_ws(':', id, array_dims(tags), array_dims(grid), array_position(tags, NULL), cardinality(grid)), ',' ORDER BY id) FROM readings"),
            await ScalarAsync<string>(Staging, "SELECT string_agg(concat_ws(':', id, array_dims(tags), array_dims(grid), array_position(tags, NULL), cardinality(grid)), ',' ORDER BY id) FROM readings"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings, unnest(tags || grid) element WHERE element IS NOT NULL AND element !~ '^[0-9a-f]{32}$'"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings WHERE 'alpha' = ANY (tags) OR 't7' = ANY (tags)"));

        // Integer elements hash to integers of their width, one per element, none of them the original.
        Assert.Equal(
            await ScalarAsync<string>(source, "SELECT string_agg(concat_ws(':', id, cardinality(counts)), ',' ORDER BY id) FROM readings"),
            await ScalarAsync<string>(Staging, "SELECT string_agg(concat_ws(':', id, cardinality(counts)), ',' ORDER BY id) FROM readings"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM readings, unnest(counts) WITH ORDINALITY element(value, n) WHERE value = id OR value < 0 OR (id = 1 AND value IN (1, 2)) OR (id = 2 AND value = 3)"));
    }

    [Fact]
    public async Task A_mask_that_cannot_read_an_array_s_elements_is_refused_before_data_moves()
    {
        await UseSourceAsync("odd", Odd);

        var (exitCode, _, error) = await Cli.RunAsync(["run", WriteRulesJob("version: 1\nunlisted: keep\ntables:\n  public.readings:\n    columns:\n      counts: { mask: shift-date, days: 3 }\n")]);

        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains("counts", error, StringComparison.Ordinal);
        Assert.Contains("applies to each element", error, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    [Fact]
    public async Task Preview_with_noise_on_numeric_and_float_columns_shows_masked_values()
    {
        await UseSourceAsync("odd", Odd);
        var rules = Cli.WriteFile("noise.yaml", "version: 1\nunlisted: keep\ntables:\n  public.readings:\n    columns:\n      amount: { mask: noise, percent: 10 }\n      ratio: { mask: noise, percent: 10 }\n");

        var (exitCode, output, error) = await Cli.RunAsync(["preview", "--env", "prod", "--rules", rules, "--table", "public.readings", "--rows", "40"]);

        Assert.True(exitCode == 0, error);
        Assert.Contains("amount", output, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890123456789012345678901234567890", output, StringComparison.Ordinal);
    }
}
