using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Testing.InMemory;

namespace DataRefresh.Core.Tests.Pipeline;

/// <summary>
/// The source the runner tests copy: customers (masked: name fake, email hash, phone constant, note null), orders
/// referencing them and events (both unmasked; events holds most rows, so the runner slices it), with keys and a sequence.
/// </summary>
internal static class CrmSource
{
    public const int Customers = 40;
    public const int Orders = 60;
    public const int Events = 300;
    public const int TotalRows = Customers + Orders + Events;

    public static readonly QualifiedName CustomersTable = new("main", "customers");
    public static readonly QualifiedName OrdersTable = new("main", "orders");
    public static readonly QualifiedName EventsTable = new("main", "events");
    public static readonly QualifiedName CustomerIds = new("main", "customers_id_seq");

    /// <summary>Columns of customers, in row order.</summary>
    public const int Id = 0, Name = 1, Email = 2, Phone = 3, Note = 4;

    public const string Rules = """
        version: 1
        unlisted: fail
        tables:
          main.customers:
            columns:
              id:    { mask: keep, reason: "surrogate key" }
              name:  { mask: fake, faker: name.firstName }
              email: { mask: hash }
              phone: { mask: constant, value: "555-0100" }
              note:  { mask: "null" }
          main.orders:
            columns:
              id:          { mask: keep, reason: "surrogate key" }
              customer_id: { mask: keep, reason: "references customers.id, which is kept" }
              amount:      { mask: keep, reason: "amounts identify nobody" }
          main.events:
            columns:
              id:   { mask: keep, reason: "surrogate key" }
              kind: { mask: keep, reason: "event kinds identify nobody" }
        """;

    public static InMemoryDatabase Create(InMemoryServer server, string name)
    {
        var database = server.CreateDatabase(name);
        database.AddTable(
            new TableInfo(CustomersTable, [Integer("id"), Text("name", notNull: true), Text("email"), Text("phone"), Text("note")], [], 0, false, [["id"], ["email"]]),
            Enumerable.Range(1, Customers).Select(id => new object?[] { (long)id, $"Person {id}", $"person{id}@example.com", id % 5 == 0 ? null : $"+49 30 {id:D6}", $"note {id}" }));
        database.AddTable(
            new TableInfo(
                OrdersTable, [Integer("id"), Integer("customer_id"), Numeric("amount")],
                [new ForeignKeyInfo("orders_customer_id_fkey", ["customer_id"], CustomersTable, ["id"])], 0, false, [["id"]]),
            Enumerable.Range(1, Orders).Select(id => new object?[] { (long)id, (long)((id % Customers) + 1), 10.5m * id }));
        database.AddTable(
            new TableInfo(EventsTable, [Integer("id"), Text("kind")], [], 0, false, [["id"]]),
            Enumerable.Range(1, Events).Select(id => new object?[] { (long)id, id % 2 == 0 ? "login" : "logout" }));
        database.AddKey(Key(CustomersTable, "customers_pkey", KeyKind.PrimaryKey, "id"));
        database.AddKey(Key(CustomersTable, "customers_email_key", KeyKind.UniqueConstraint, "email"));
        database.AddKey(Key(OrdersTable, "orders_pkey", KeyKind.PrimaryKey, "id"));
        database.AddKey(new KeyDefinition(OrdersTable, "orders_customer_id_fkey", KeyKind.ForeignKey, "FOREIGN KEY (customer_id) REFERENCES customers(id)", true, ["customer_id"], CustomersTable, ["id"], true));
        database.AddKey(Key(EventsTable, "events_pkey", KeyKind.PrimaryKey, "id"));
        database.SetSequence(CustomerIds, Customers);
        return database;
    }

    private static KeyDefinition Key(QualifiedName table, string name, KeyKind kind, string column) =>
        new(table, name, kind, $"{(kind == KeyKind.PrimaryKey ? "PRIMARY KEY" : "UNIQUE")} ({column})", true, [column], null, [], true);

    private static ColumnInfo Integer(string name) => new(name, "bigint", "int8", ColumnCategory.Integer, null, NotNull: true, IsGenerated: false, Precision: 64);

    private static ColumnInfo Text(string name, bool notNull = false) => new(name, "text", "text", ColumnCategory.Text, null, notNull, IsGenerated: false);

    private static ColumnInfo Numeric(string name) => new(name, "numeric(12,2)", "numeric", ColumnCategory.Numeric, null, NotNull: false, IsGenerated: false, Precision: 12, Scale: 2);
}
