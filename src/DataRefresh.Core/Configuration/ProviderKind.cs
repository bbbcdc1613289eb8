namespace DataRefresh.Core.Configuration;

/// <summary>The database engines DataRefresh can read from and write to. Chosen by configuration, never guessed.</summary>
public enum ProviderKind
{
    PostgreSql,
    SqlServer,
    Sqlite,

    /// <summary>A folder a CSV snapshot wrote (<c>manifest.json</c> and gzip CSV files): a source only, for <c>snapshot restore</c>.</summary>
    CsvSnapshot,
}
