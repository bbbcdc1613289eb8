namespace DataRefresh.Cli.Demo;

/// <summary>
/// Where the demo's sample production database and its staging copy live: SQLite files in the demo's folder (the
/// default, needing nothing but .NET), or a throwaway PostgreSQL server (<c>--engine postgresql</c>). Each engine has its
/// own sample database, rules and job (<see cref="JobFile"/>, among the files <see cref="DemoFiles"/> writes).
/// </summary>
internal abstract class DemoEngine : IAsyncDisposable
{
    public const string Production = "prod";
    public const string Staging = "staging";

    /// <summary>The demo job's path relative to the demo folder.</summary>
    public abstract string JobFile { get; }

    /// <summary>The demo's snapshot job (a masked subset for a developer), relative to the demo folder, or null when the engine's demo has none.</summary>
    public virtual string? SnapshotJobFile => null;

    /// <summary>The settings of the <c>prod</c> and <c>staging</c> environments.</summary>
    public abstract IReadOnlyDictionary<string, string?> Environments { get; }

    /// <summary>Creates the sample production database with <paramref name="customers"/> customers.</summary>
    public abstract Task CreateSampleAsync(int customers, CancellationToken cancellationToken = default);

    /// <summary>The first customers of an environment, as display text (synthetic data only, and only on the screen).</summary>
    public async Task<IReadOnlyList<string>> ReadCustomersAsync(string environment, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(environment, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, first_name, last_name, email, phone, ssn, birth_date FROM customers ORDER BY id LIMIT @count";
        var limit = command.CreateParameter();
        limit.ParameterName = "@count";
        limit.Value = count;
        command.Parameters.Add(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(index => Show(reader.GetValue(index)))));
        }

        return rows;
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>An open connection to the <c>prod</c> or <c>staging</c> database.</summary>
    protected abstract Task<System.Data.Common.DbConnection> OpenAsync(string environment, CancellationToken cancellationToken);

    protected static Dictionary<string, string?> Environment(string name, string provider, string connectionString, bool production) => new()
    {
        [$"DataRefresh:Environments:{name}:Provider"] = provider,
        [$"DataRefresh:Environments:{name}:ConnectionString"] = connectionString,
        [$"DataRefresh:Environments:{name}:Production"] = production ? "true" : "false",
    };

    private static string Show(object? value) => value switch
    {
        null or DBNull => "(null)",
        DateTime date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    protected static string Script(string resource, int customers)
    {
        using var stream = typeof(DemoEngine).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace(":customers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
