using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Planning.Subsets;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Testing.InMemory;

namespace DataRefresh.Core.Tests.Planning;

/// <summary>
/// The closure's promises on random databases of a schema with a cycle (customers ↔ orders through a favourite order), a
/// self-reference (customers.referrer_id), a child without a key (order_notes), a lookup table (countries) and an
/// unrelated table (audit_log): every foreign key of a chosen row finds a chosen parent; the same key chooses the same
/// rows; a root row that stays in the source stays in the subset; children reach as deep as asked and no deeper.
/// </summary>
public sealed class SubsetClosureTests
{
    private static readonly QualifiedName Countries = new("main", "countries");
    private static readonly QualifiedName Customers = new("main", "customers");
    private static readonly QualifiedName Orders = new("main", "orders");
    private static readonly QualifiedName Payments = new("main", "payments");
    private static readonly QualifiedName Notes = new("main", "order_notes");
    private static readonly QualifiedName AuditLog = new("main", "audit_log");
    private static readonly MaskingKey Key = MaskingKey.FromSecret("subset-closure-tests-key-0123456789");

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_foreign_key_of_a_chosen_row_finds_a_chosen_parent(int seed)
    {
        var random = new Random(seed);
        var database = RandomDatabase(random);
        var subset = Subset($"{random.Next(1, 40)}", children: random.Next(0, 3));

        var chosen = await ChooseAsync(database, subset, Key);

        var rows = ChosenRows(database, chosen);
        Assert.NotEmpty(rows[Customers]);
        foreach (var table in database.Schema.Tables)
        {
            foreach (var foreignKey in table.ForeignKeys)
            {
                var parents = rows[foreignKey.ReferencedTable].Select(row => Values(database, foreignKey.ReferencedTable, row, foreignKey.ReferencedColumns)).ToHashSet();
                foreach (var row in rows[table.Name])
                {
                    var reference = Values(database, table.Name, row, foreignKey.Columns);
                    Assert.True(reference.Contains("null") || parents.Contains(reference), $"seed {seed}: {table.Name} {foreignKey.Name} -> {reference} dangles");
                }
            }
        }

        Assert.Empty(rows[AuditLog]);
        Assert.Equal(database.Rows(Countries).Count, rows[Countries].Count);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task The_same_key_chooses_the_same_rows_and_a_root_row_that_stays_stays_chosen(int seed)
    {
        var database = RandomDatabase(new Random(seed));
        var subset = Subset("30", children: 1);
        var unrelated = WithoutReferencesBetweenCustomers(RandomDatabase(new Random(seed)));

        var first = ChosenRows(database, await ChooseAsync(database, subset, Key));
        var again = ChosenRows(database, await ChooseAsync(database, subset, Key));
        var otherKey = ChosenRows(database, await ChooseAsync(database, subset, MaskingKey.FromSecret("another-key-for-the-subset-0123456789")));

        Assert.Equal(Ids(first[Customers]), Ids(again[Customers]));
        Assert.Equal(Ids(first[Orders]), Ids(again[Orders]));
        Assert.NotEqual(Ids(first[Customers]), Ids(otherKey[Customers]));

        // Customers without orders leave the source: the chosen roots that remain are still chosen. (Without references
        // between customers, the chosen customers are exactly the roots.)
        var roots = Ids(ChosenRows(unrelated, await ChooseAsync(unrelated, subset, Key))[Customers]);
        var referenced = unrelated.Rows(Orders).Select(row => (long)row[1]!).ToHashSet();
        unrelated.Replace(Customers, [.. unrelated.Rows(Customers).Where(row => referenced.Contains((long)row[0]!))]);
        var after = Ids(ChosenRows(unrelated, await ChooseAsync(unrelated, subset, Key))[Customers]);

        Assert.Equal(roots.Where(referenced.Contains), after);
    }

    [Fact]
    public async Task Children_reach_as_deep_as_asked_and_parents_pull_in_no_children()
    {
        // Without references between customers, the customers chosen at depth 0 are exactly the roots.
        var database = WithoutReferencesBetweenCustomers(RandomDatabase(new Random(7)));

        var parentsOnly = ChosenRows(database, await ChooseAsync(database, Subset("10", children: 0), Key));
        var withOrders = ChosenRows(database, await ChooseAsync(database, Subset("10", children: 1), Key));
        var withPayments = ChosenRows(database, await ChooseAsync(database, Subset("10", children: 2), Key));

        // Depth 0 copies payments only if nothing asks for them: none.
        Assert.Empty(parentsOnly[Payments]);
        Assert.Empty(withOrders[Payments]);
        Assert.NotEmpty(withPayments[Payments]);

        // Depth 1: every order of a root customer is there.
        var rootIds = Ids(parentsOnly[Customers]);
        var ordersOfRoots = database.Rows(Orders).Where(row => rootIds.Contains((long)row[1]!)).Select(row => (long)row[0]!);
        Assert.NotEmpty(ordersOfRoots);
        Assert.Empty(ordersOfRoots.Except(Ids(withOrders[Orders])));
        Assert.Equal(rootIds, Ids(withOrders[Customers]));
    }

    [Fact]
    public async Task A_limit_chooses_exactly_that_many_roots()
    {
        var database = RandomDatabase(new Random(3));
        var subset = Subset(null, children: 0) with { Roots = [new SubsetRoot("customers", null, null, 5, At)] };

        var chosen = await ChooseAsync(database, subset, Key);

        Assert.Contains("root", chosen.For(Customers)!.How, StringComparison.Ordinal);
        var rows = ChosenRows(database, chosen);
        Assert.InRange(rows[Customers].Count, 5, 5 + database.Rows(Customers).Count);
    }

    [Fact]
    public async Task Unknown_tables_and_keyless_roots_are_refused_where_they_are_written()
    {
        var database = RandomDatabase(new Random(1));

        var unknown = await Assert.ThrowsAsync<FileFormatException>(() => ChooseAsync(database, Subset("5", 0) with { Roots = [new SubsetRoot("customer", null, 5, null, At)] }, Key));
        var keyless = await Assert.ThrowsAsync<FileFormatException>(() => ChooseAsync(database, Subset("5", 0) with { Roots = [new SubsetRoot("order_notes", null, 5, null, At)] }, Key));
        var policy = await Assert.ThrowsAsync<FileFormatException>(() => ChooseAsync(database, Subset("5", 0) with { Policies = [new SubsetTablePolicy("contries", UnreachedPolicy.Whole, At)] }, Key));

        Assert.Equal(At, unknown.Location);
        Assert.Contains("did you mean 'customers'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no primary key", keyless.Message, StringComparison.Ordinal);
        Assert.Contains("'contries'", policy.Message, StringComparison.Ordinal);
    }

    private static readonly SourceLocation At = new("job.yaml", 4, 7);

    private static SubsetDefinition Subset(string? percent, int children) => new(
        [new SubsetRoot("customers", null, percent is null ? null : double.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), null, At)],
        children,
        UnreachedPolicy.Empty,
        [new SubsetTablePolicy("countries", UnreachedPolicy.Whole, At)],
        At);

    private static async Task<SubsetPlan> ChooseAsync(InMemoryDatabase database, SubsetDefinition subset, MaskingKey key)
    {
        var server = new InMemoryServer();
        var copy = server.CreateDatabase("source");
        foreach (var table in database.Schema.Tables)
        {
            copy.AddTable(table, database.Rows(table.Name));
        }

        var provider = new InMemoryProvider(server);
        await using var catalog = await provider.OpenCatalogAsync(new EnvironmentSettings("prod", ProviderKind.Sqlite, "source", Production: true));
        var plan = new RefreshPlan([.. database.Schema.Tables.Select(table => new TablePlan(table, [.. table.Columns.Select(column => new ColumnPlan(column, null))], RowSelection.All, null, null))], [], []);
        return await SubsetClosure.ComputeAsync(catalog, plan, subset, key, "main");
    }

    /// <summary>Per table, the source rows the copy would write under <paramref name="chosen"/>.</summary>
    private static Dictionary<QualifiedName, List<object?[]>> ChosenRows(InMemoryDatabase database, SubsetPlan chosen) =>
        database.Schema.Tables.ToDictionary(table => table.Name, table => chosen.For(table.Name) switch
        {
            { IsEmpty: true } => [],
            { Filter: { } filter } => database.Rows(table.Name).Where(filter.Contains).ToList(),
            _ => database.Rows(table.Name).ToList(),
        });

    private static List<long> Ids(List<object?[]> rows) => [.. rows.Select(row => (long)row[0]!).Order()];

    private static string Values(InMemoryDatabase database, QualifiedName table, object?[] row, IReadOnlyList<string> columns) =>
        string.Join(",", columns.Select(column => row[database.ColumnIndex(table, column)]?.ToString() ?? "null"));

    private static InMemoryDatabase RandomDatabase(Random random)
    {
        var database = new InMemoryServer().CreateDatabase("random");
        var customers = random.Next(30, 80);
        var orders = random.Next(40, 160);
        database.AddTable(new TableInfo(Countries, [Text("code", notNull: true)], [], 0, false, [["code"]]), new[] { "DE", "FR", "NL" }.Select(code => new object?[] { code }));
        database.AddTable(
            new TableInfo(
                Customers, [Integer("id", notNull: true), Text("country"), Integer("referrer_id"), Integer("favorite_order_id")],
                [
                    new ForeignKeyInfo("customers_country_fkey", ["country"], Countries, ["code"]),
                    new ForeignKeyInfo("customers_referrer_id_fkey", ["referrer_id"], Customers, ["id"]),
                    new ForeignKeyInfo("customers_favorite_order_id_fkey", ["favorite_order_id"], Orders, ["id"]),
                ],
                0, false, [["id"]]),
            Enumerable.Range(1, customers).Select(id => new object?[]
            {
                (long)id,
                random.Next(4) == 0 ? null : new[] { "DE", "FR", "NL" }[random.Next(3)],
                random.Next(3) == 0 ? (long)random.Next(1, customers + 1) : null,
                random.Next(4) == 0 ? (long)random.Next(1, orders + 1) : null,
            }));
        database.AddTable(
            new TableInfo(Orders, [Integer("id", notNull: true), Integer("customer_id", notNull: true)], [new ForeignKeyInfo("orders_customer_id_fkey", ["customer_id"], Customers, ["id"])], 0, false, [["id"]]),
            Enumerable.Range(1, orders).Select(id => new object?[] { (long)id, (long)random.Next(1, customers + 1) }));
        database.AddTable(
            new TableInfo(Payments, [Integer("id", notNull: true), Integer("order_id", notNull: true)], [new ForeignKeyInfo("payments_order_id_fkey", ["order_id"], Orders, ["id"])], 0, false, [["id"]]),
            Enumerable.Range(1, random.Next(40, 160)).Select(id => new object?[] { (long)id, (long)random.Next(1, orders + 1) }));
        database.AddTable(
            new TableInfo(Notes, [Integer("order_id"), Text("note")], [new ForeignKeyInfo("order_notes_order_id_fkey", ["order_id"], Orders, ["id"])], 0, false),
            Enumerable.Range(1, random.Next(10, 60)).Select(id => new object?[] { (long)random.Next(1, orders + 1), $"note {id}" }));
        database.AddTable(new TableInfo(AuditLog, [Text("entry")], [], 0, false), Enumerable.Range(1, 5).Select(id => new object?[] { $"entry {id}" }));
        return database;
    }

    private static InMemoryDatabase WithoutReferencesBetweenCustomers(InMemoryDatabase database)
    {
        database.Replace(Customers, [.. database.Rows(Customers).Select(row => new[] { row[0], row[1], null, null })]);
        return database;
    }

    private static ColumnInfo Integer(string name, bool notNull = false) => new(name, "bigint", "int8", ColumnCategory.Integer, null, notNull, false, 64);

    private static ColumnInfo Text(string name, bool notNull = false) => new(name, "text", "text", ColumnCategory.Text, null, notNull, false);
}
