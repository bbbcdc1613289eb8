namespace DataRefresh.History;

/// <summary>
/// The history store in a PostgreSQL database (<c>DataRefresh:History:ConnectionString</c>), schema <c>datarefresh</c>:
/// the one store several <c>serve</c> nodes can share. Same tables and meaning as <see cref="SqliteHistoryStore"/>; what
/// differs is <see cref="PostgreSqlHistoryDialect"/>. An invalid connection string fails here, without quoting it.
/// </summary>
public sealed class PostgreSqlHistoryStore(string connectionString) : HistoryStore(new PostgreSqlHistoryDialect(connectionString));
