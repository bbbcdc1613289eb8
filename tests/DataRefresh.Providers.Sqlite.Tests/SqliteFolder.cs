using DataRefresh.Core.Configuration;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Tests;

/// <summary>A throwaway folder of SQLite files for one test class; removed with it.</summary>
public sealed class SqliteFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("datarefresh-sqlite-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid().ToString("N")[..12]}.db";

    public static EnvironmentSettings Environment(string name, string file, bool production) =>
        new(name, ProviderKind.Sqlite, $"Data Source={file}", production);

    /// <summary>An unpooled connection, so the file is closed when it is disposed.</summary>
    public static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public static void Execute(string file, string sql)
    {
        using var connection = Open(file);
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
