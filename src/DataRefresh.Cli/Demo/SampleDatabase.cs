using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;

namespace DataRefresh.Cli.Demo;

/// <summary>Creates the sample CRM "production" database (Demo/crm-prod.sql) with a given number of customers.</summary>
internal static class SampleDatabase
{
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The database name is quoted through PostgreSqlDialect.Quote; the script is the embedded demo SQL, in which only an integer count is substituted.")]
    public static async Task CreateAsync(string serverConnectionString, string database, int customers, CancellationToken cancellationToken = default)
    {
        await using (var server = new NpgsqlConnection(serverConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Providers.PostgreSql.PostgreSqlDialect.Quote(database)}", server);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Script(customers), connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string Script(int customers)
    {
        using var stream = typeof(SampleDatabase).Assembly.GetManifestResourceStream("DataRefresh.Cli.Demo.crm-prod.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace(":customers", customers.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
