namespace DataRefresh.Core.Configuration;

/// <summary>The database engines DataRefresh can read from and write to. Chosen by configuration, never guessed.</summary>
public enum ProviderKind
{
    PostgreSql,
    SqlServer,
    Sqlite,
}
