using System.Globalization;
using DataRefresh.Testing;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Cli.Tests;

/// <summary>What the CLI tests do to SQLite files: create the demo's production database, run SQL, read one value.</summary>
internal static class SqliteTestFile
{
    /// <summary>The SQLite demo's sample production database (Demo/crm-prod.sqlite.sql) with <paramref name="customers"/> customers.</summary>
    public static void CreateDemoProduction(string file, int customers) =>
        Execute(file, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "DataRefresh.Cli", "Demo", "crm-prod.sqlite.sql"))
            .Replace(":customers", customers.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    public static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The first value <paramref name="sql"/> returns, read-only; with <paramref name="attach"/>, that file is attached as <c>prod</c>.</summary>
    public static T Scalar<T>(string file, string sql, string? attach = null)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False;Mode=ReadOnly");
        connection.Open();
        if (attach is not null)
        {
            using var attachment = new SqliteCommand($"ATTACH DATABASE '{attach.Replace("'", "''", StringComparison.Ordinal)}' AS prod", connection);
            attachment.ExecuteNonQuery();
        }

        using var command = new SqliteCommand(sql, connection);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }
}
