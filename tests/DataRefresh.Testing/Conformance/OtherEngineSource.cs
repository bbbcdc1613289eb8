using DataRefresh.Core.Configuration;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Testing.InMemory;

namespace DataRefresh.Testing.Conformance;

/// <summary>
/// The conformance table <c>people</c> on an engine other than the one under test (the in-memory provider standing in
/// for it), described only by the neutral model: a target must build the table from it and take its rows as values.
/// </summary>
public sealed class OtherEngineSource
{
    public const string Database = "other_engine";

    private OtherEngineSource(IRefreshProvider provider, EnvironmentSettings environment)
    {
        Provider = provider;
        Environment = environment;
    }

    public IRefreshProvider Provider { get; }

    public EnvironmentSettings Environment { get; }

    /// <param name="testedEngine">The engine under test; the source is any other.</param>
    /// <param name="schema">The schema the table is in (the tested engine's default, so its own readers find it).</param>
    public static OtherEngineSource Create(ProviderKind testedEngine, string schema, IReadOnlyList<ConformancePerson> people, ColumnInfo? extraColumn = null)
    {
        var kind = Enum.GetValues<ProviderKind>().First(candidate => candidate != testedEngine);
        var server = new InMemoryServer();
        var database = server.CreateDatabase(Database);
        var table = new QualifiedName(schema, "people");
        ColumnInfo[] columns =
        [
            new("id", "bigint", "bigint", ColumnCategory.Integer, null, NotNull: true, IsGenerated: false, Precision: 64, Scale: 0),
            new("name", "text", "text", ColumnCategory.Text, null, NotNull: true, IsGenerated: false),
            new("email", "varchar(200)", "varchar", ColumnCategory.Text, 200, NotNull: false, IsGenerated: false),
            new("born", "date", "date", ColumnCategory.Date, null, NotNull: false, IsGenerated: false),
            new("balance", "decimal(12,2)", "decimal", ColumnCategory.Numeric, null, NotNull: false, IsGenerated: false, Precision: 12, Scale: 2),
            new("seen", "timestamp", "timestamp", ColumnCategory.Timestamp, null, NotNull: false, IsGenerated: false),
            new("seen_at", "timestamp with zone", "timestamptz", ColumnCategory.TimestampWithTimeZone, null, NotNull: false, IsGenerated: false),
            new("token", "uuid", "uuid", ColumnCategory.Uuid, null, NotNull: false, IsGenerated: false),
            new("photo", "blob", "blob", ColumnCategory.Binary, null, NotNull: false, IsGenerated: false),
            new("doc", "json", "json", ColumnCategory.Json, null, NotNull: false, IsGenerated: false),
            .. extraColumn is null ? [] : new[] { extraColumn },
        ];
        var rows = people.Select(person => (object?[])
        [
            person.Id, person.Name, person.Email, person.Born, person.Balance, person.Seen, person.SeenAt, person.Token, person.Photo, person.Doc,
            .. extraColumn is null ? [] : new object?[] { null },
        ]);
        database.AddTable(new TableInfo(table, columns, [], people.Count, IsPartitioned: false, UniqueKeys: [["id"], ["email"]]), rows);
        database.AddKey(new KeyDefinition(table, "people_pkey", KeyKind.PrimaryKey, "PRIMARY KEY (id)", true, ["id"], null, [], true));
        database.AddKey(new KeyDefinition(table, "people_email_key", KeyKind.UniqueConstraint, "UNIQUE (email)", true, ["email"], null, [], true));
        return new OtherEngineSource(new InMemoryProvider(server, kind: kind), new EnvironmentSettings("other", kind, Database, Production: true));
    }
}
