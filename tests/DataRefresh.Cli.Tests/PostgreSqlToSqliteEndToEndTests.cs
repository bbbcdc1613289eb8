using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// A real PostgreSQL source refreshed into a SQLite file through the command line: every type category arrives with its
/// value, masked columns differ and unmasked ones are equal, foreign keys hold in the file, and what SQLite cannot hold
/// (a function, a trigger, a view, a partitioned table's partitions, a generated column) is named in the run's output and
/// its audit record.
/// </summary>
public sealed class PostgreSqlToSqliteEndToEndTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private const int Rows = 60;

    private const string Source = """
        CREATE TYPE thing_state AS ENUM ('new', 'used', 'it''s broken');
        CREATE TABLE owners (id bigint PRIMARY KEY, name text NOT NULL, email varchar(80) UNIQUE, name_length integer GENERATED ALWAYS AS (length(name)) STORED);
        CREATE TABLE things (
            id integer PRIMARY KEY, owner_id bigint REFERENCES owners (id), label text, small smallint, price numeric(14, 4),
            ratio double precision, active boolean, born date, seen timestamp, seen_at timestamptz, token uuid, blob bytea,
            doc jsonb, tags text[], scores integer[], label_upper text GENERATED ALWAYS AS (upper(label)) STORED,
            label_note text GENERATED ALWAYS AS (coalesce(label, 'it''s none') || ' (kept)') STORED,
            label_size integer GENERATED ALWAYS AS (length(label) * 2 + small) STORED,
            state thing_state, grade thing_state NOT NULL DEFAULT 'new');
        CREATE INDEX things_label_idx ON things (label);
        CREATE INDEX things_owner_born_idx ON things (owner_id, born);
        CREATE INDEX things_born_desc_idx ON things (born DESC);
        CREATE INDEX things_lower_label_idx ON things (lower(label));
        CREATE TABLE events (id bigint, at timestamptz NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
        CREATE TABLE events_old PARTITION OF events FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
        CREATE TABLE events_new PARTITION OF events FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER things_touch BEFORE UPDATE ON things FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE VIEW thing_owners AS SELECT t.id, o.name FROM things t JOIN owners o ON o.id = t.owner_id;
        INSERT INTO owners SELECT n, 'Owner ' || n, 'owner' || n || '@example.com' FROM generate_series(1, 20) n;
        INSERT INTO things (id, owner_id, label, small, price, ratio, active, born, seen, seen_at, token, blob, doc, tags, scores, state)
        SELECT n, 1 + n % 20, CASE WHEN n % 7 = 0 THEN NULL ELSE 'Zoë 🙂 ' || n END, (n - 30)::smallint, (n * 1234.5678 - 9999)::numeric(14, 4),
               n / 3.0, n % 2 = 0, date '1999-12-31' + n, timestamp '2020-02-29 23:59:59.123456' + n * interval '1 hour',
               timestamptz '2021-06-01 12:00:00+02' + n * interval '1 minute', md5(n::text)::uuid, decode(md5(n::text), 'hex'),
               jsonb_build_object('n', n, 'tags', jsonb_build_array('a', 'ü')), ARRAY['x' || n, NULL, 'y'], ARRAY[n, -n],
               (enum_range(NULL::thing_state))[1 + n % 4]
        FROM generate_series(1, 60) n;
        INSERT INTO events SELECT n, timestamptz '2023-12-31 00:00:00+00' + n * interval '1 hour' FROM generate_series(1, 40) n;
        """;

    private const string Rules = """
        version: 1
        unlisted: fail
        tables:
          owners:
            columns:
              id:    { mask: keep, reason: "key" }
              name:  { mask: fake, faker: name.fullName }
              email: { mask: hash, domain: email }
          things:
            columns:
              id:       { mask: keep, reason: "key" }
              owner_id: { mask: keep, reason: "key" }
              label:    { mask: keep, reason: "test" }
              small:    { mask: keep, reason: "test" }
              price:    { mask: keep, reason: "test" }
              ratio:    { mask: keep, reason: "test" }
              active:   { mask: keep, reason: "test" }
              born:     { mask: keep, reason: "test" }
              seen:     { mask: keep, reason: "test" }
              seen_at:  { mask: keep, reason: "test" }
              token:    { mask: keep, reason: "test" }
              blob:     { mask: keep, reason: "test" }
              doc:      { mask: keep, reason: "test" }
              tags:     { mask: keep, reason: "test" }
              scores:   { mask: keep, reason: "test" }
              state:    { mask: keep, reason: "test" }
              grade:    { mask: constant, value: "it's broken" }
          events:
            columns:
              id: { mask: keep, reason: "key" }
              at: { mask: keep, reason: "test" }
        """;

    private readonly CliRunner cli = new();
    private string prod = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string StagingFile => Path.Combine(cli.Folder, "staging.db");

    public async ValueTask InitializeAsync()
    {
        server.RequireServer();
        prod = server.ConnectionStringFor(await server.CreateDatabaseAsync("pg2sqlite", Source, Token));
        cli.UseEnvironments(
            ("prod", "PostgreSql", prod, true), ("staging", "Sqlite", $"Data Source={StagingFile}", false), ("dev", "PostgreSql", server.ConnectionStringFor("pg2sqlite_restored"), false));
    }

    [Fact]
    public async Task A_subset_refresh_into_a_PostgreSQL_environment_keeps_every_foreign_key_and_only_the_chosen_rows()
    {
        var rules = cli.WriteFile("rules.yaml", Rules);
        var job = cli.WriteFile("subset.yaml", $"""
            source: prod
            target: dev
            rules: [ {rules} ]
            keepOwnership: false
            subset:
              roots:
                - table: things
                  where: "id <= 30"
                  limit: 10
              unreached: empty
            """);

        var (exitCode, output, error) = await cli.RunAsync(["run", job]);

        Assert.True(exitCode == 0, output + error);
        var dev = server.ConnectionStringFor("pg2sqlite_restored");
        Assert.Equal(10L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM things WHERE id <= 30", Token));
        Assert.Equal(10L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM things", Token));
        // Owners only as parents of the chosen things; the foreign key was created by the native post-data, so none dangles.
        Assert.Equal(
            await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(DISTINCT owner_id) FROM things", Token),
            await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM owners", Token));
        Assert.Equal(1L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'public.things'::regclass", Token));
        Assert.Equal(0L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM events", Token));
    }

    [Fact]
    public async Task A_subset_CSV_snapshot_of_PostgreSQL_restores_into_PostgreSQL_with_its_rows_and_keys()
    {
        var rules = cli.WriteFile("rules.yaml", Rules);
        var job = cli.WriteFile("snapshot.yaml", $"""
            source: prod
            rules: [ {rules} ]
            snapshot:
              format: csv
            subset:
              roots:
                - table: owners
                  percent: 40
              children: 1
              unreached: empty
            """);

        var (exitCode, output, error) = await cli.RunAsync(["run", job]);
        Assert.True(exitCode == 0, output + error);
        var (folder, manifest) = Assert.Single(Core.Snapshots.SnapshotCatalog.List(cli.SnapshotsFolder));
        var owners = manifest.Tables.Single(table => table.Table.Name.ToString() == "public.owners");
        var things = manifest.Tables.Single(table => table.Table.Name.ToString() == "public.things");
        Assert.InRange(owners.Rows, 1, 19);
        Assert.Equal(0, manifest.Tables.Single(table => table.Table.Name.ToString() == "public.events").Rows);

        var (restored, restoreOutput, restoreError) = await cli.RunAsync(["snapshot", "restore", folder, "--to", "dev"]);
        Assert.True(restored == 0, restoreOutput + restoreError);

        var dev = server.ConnectionStringFor("pg2sqlite_restored");
        Assert.Equal(owners.Rows, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM public.owners", Token));
        Assert.Equal(things.Rows, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM public.things", Token));
        Assert.Equal(0L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM public.things t WHERE NOT EXISTS (SELECT 1 FROM public.owners o WHERE o.id = t.owner_id)", Token));
        Assert.Equal(1L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'public.things'::regclass", Token));

        // The manifest carried the enums' labels and the plain indexes: text kept to its labels by a check, the same indexes.
        Assert.Equal(["new", "used", "it's broken"], things.Table.FindColumn("state")!.Labels!);
        Assert.Equal(2L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'public.things'::regclass", Token));
        Assert.Equal(
            "things_label_idx:CREATE INDEX things_label_idx ON public.things USING btree (label);things_owner_born_idx:CREATE INDEX things_owner_born_idx ON public.things USING btree (owner_id, born)",
            await PostgreSqlServerFixture.ScalarAsync<string>(dev, "SELECT string_agg(indexname || ':' || indexdef, ';' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'things' AND indexname NOT LIKE '%pkey'", Token));

        // Generated columns travelled as their portable expressions and are computed again, from the masked names too.
        Assert.Equal("label_note,label_size", await PostgreSqlServerFixture.ScalarAsync<string>(
            dev, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'public.things'::regclass AND attgenerated = 's'", Token));
        Assert.Equal(0L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM public.owners WHERE name_length IS DISTINCT FROM length(name)", Token));

        // The kept columns of the chosen rows arrive as they are in production; the masked ones do not.
        const string kept = "SELECT string_agg(concat_ws('|', id, owner_id, label, small, active::int, born, token, encode(blob, 'hex'), state::text), ',' ORDER BY id) FROM public.things";
        var ids = await PostgreSqlServerFixture.ScalarAsync<string>(dev, "SELECT string_agg(id::text, ',' ORDER BY id) FROM public.things", Token);
        Assert.Equal(
            await PostgreSqlServerFixture.ScalarAsync<string>(prod, kept.Replace("FROM public.things", $"FROM public.things WHERE id IN ({ids})", StringComparison.Ordinal), Token),
            await PostgreSqlServerFixture.ScalarAsync<string>(dev, kept, Token));
        Assert.Equal(0L, await PostgreSqlServerFixture.ScalarAsync<long>(dev, "SELECT count(*) FROM public.owners WHERE name LIKE 'Owner %' OR email LIKE '%@example.com'", Token));
    }

    [Fact]
    public async Task Every_category_arrives_masked_columns_differ_keys_hold_and_what_SQLite_cannot_hold_is_named()
    {
        var rules = cli.WriteFile("rules.yaml", Rules);
        var job = cli.WriteFile("job.yaml", $"source: prod\ntarget: staging\nrules: [ {rules} ]\nkeepOwnership: false\n");

        var (exitCode, output, error) = await cli.RunAsync(["run", job]);

        Assert.True(exitCode == 0, output + error);
        foreach (var item in new[] { "function public.touch()", "trigger things_touch on public.things", "view public.thing_owners", "partition public.events_old", "generated column public.things.label_upper",
            "index public.things_lower_label_idx", "index public.things_born_desc_idx", "enum type public.thing_state" })
        {
            Assert.Contains($"Not copied: {item}", cli.AllOutput, StringComparison.Ordinal);
        }

        var (_, audit, _) = await cli.RunAsync(["audit"]);
        Assert.Contains("not copied: function public.touch()", audit, StringComparison.Ordinal);

        // Unmasked: every value of every category as PostgreSQL shows it, against the file's text as SQLite stored it.
        const string pgThings = """
            SELECT string_agg(concat_ws('|', id, owner_id, coalesce(label, 'NULL'), small, price, round(ratio::numeric, 12), active::int, born,
                to_char(seen, 'YYYY-MM-DD HH24:MI:SS.US'), to_char(seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), token,
                encode(blob, 'hex'), doc::text, array_to_json(tags)::text, array_to_json(scores)::text), E'\n' ORDER BY id) FROM things
            """;
        const string sqliteThings = """
            SELECT group_concat(concat_ws('|', id, owner_id, coalesce(label, 'NULL'), small, price, printf('%.12f', ratio), active, born,
                substr(seen || '.000000', 1, 26), substr(seen_at, 1, 19), token, lower(hex(blob)), json(doc), json(tags), json(scores)), char(10))
            FROM (SELECT * FROM things ORDER BY id)
            """;
        var expected = await PostgreSqlServerFixture.ScalarAsync<string>(prod, pgThings, Token);
        Assert.Equal(Normalise(expected), Normalise(Scalar<string>(sqliteThings)));
        Assert.Equal(Rows, Scalar<long>("SELECT count(*) FROM things"));
        Assert.Equal(40L, Scalar<long>("SELECT count(*) FROM events"));

        // Masked: no name or e-mail kept; keys and foreign keys hold in the file; the columns SQLite got are the documented
        // ones (a single integer primary key becomes the rowid, INTEGER).
        Assert.Equal(0L, Scalar<long>("SELECT count(*) FROM owners WHERE name LIKE 'Owner %' OR email LIKE '%@example.com'"));
        Assert.Equal(20L, Scalar<long>("SELECT count(DISTINCT email) FROM owners"));
        Assert.Equal(0L, Scalar<long>("SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal("INTEGER|BIGINT|TEXT|SMALLINT|DECIMAL_TEXT(14,4)|REAL|BOOLEAN|DATE|TIMESTAMP|TIMESTAMPTZ|UUID|BLOB|JSON_TEXT|JSON_TEXT|JSON_TEXT|TEXT|TEXT",
            Scalar<string>("SELECT group_concat(type, '|') FROM (SELECT type FROM pragma_table_info('things') ORDER BY cid)"));

        // Enums: the labels as text, kept to them by a check; a constant mask takes one of them.
        Assert.Equal(
            await PostgreSqlServerFixture.ScalarAsync<string>(prod, "SELECT string_agg(coalesce(state::text, 'NULL'), ',' ORDER BY id) FROM things", Token),
            Scalar<string>("SELECT group_concat(coalesce(state, 'NULL'), ',') FROM (SELECT state FROM things ORDER BY id)"));
        Assert.Equal("it's broken", Scalar<string>("SELECT group_concat(DISTINCT grade) FROM things"));
        var refused = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => SqliteTestFile.Execute(StagingFile, "UPDATE things SET state = 'old' WHERE id = 1"));
        Assert.Contains("CHECK constraint failed", refused.Message, StringComparison.Ordinal);

        // Generated columns with a portable expression are computed by SQLite again — from the masked values where their
        // columns are masked; upper() is not portable (SQLite folds ASCII only) and was named above.
        Assert.Equal(
            await PostgreSqlServerFixture.ScalarAsync<string>(prod, "SELECT string_agg(label_note || '|' || coalesce(label_size::text, 'NULL'), ',' ORDER BY id) FROM things", Token),
            Scalar<string>("SELECT group_concat(label_note || '|' || coalesce(label_size, 'NULL'), ',') FROM (SELECT * FROM things ORDER BY id)"));
        Assert.Equal(0L, Scalar<long>("SELECT count(*) FROM owners WHERE name_length IS NOT length(name)"));
        Assert.Equal("label_note,label_size", Scalar<string>("SELECT group_concat(name) FROM (SELECT name FROM pragma_table_xinfo('things') WHERE hidden = 3 ORDER BY cid)"));
        Assert.DoesNotContain("Not copied: generated column public.things.label_note", cli.AllOutput, StringComparison.Ordinal);

        // Plain indexes over columns are built; the ones over an expression or in another order were named above.
        Assert.Equal("label", Scalar<string>("SELECT group_concat(name) FROM pragma_index_info('things_label_idx')"));
        Assert.Equal("owner_id,born", Scalar<string>("SELECT group_concat(name) FROM (SELECT name FROM pragma_index_info('things_owner_born_idx') ORDER BY seqno)"));
        Assert.DoesNotContain("Not copied: index public.things_label_idx", cli.AllOutput, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        cli.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Number text the two engines write differently (a REAL's digits, json spacing) is compared as the same value.</summary>
    private static string Normalise(string text) => text.Replace(" ", "", StringComparison.Ordinal);

    private T Scalar<T>(string sql) => SqliteTestFile.Scalar<T>(StagingFile, sql);
}
