namespace DataRefresh.History;

/// <summary>
/// The history store in a SQL Server database (<c>DataRefresh:History:Provider: SqlServer</c>), schema <c>datarefresh</c>:
/// the shared store of a SQL Server shop's <c>serve</c> nodes. Same tables and meaning as the other stores; what differs
/// is <see cref="SqlServerHistoryDialect"/>. An invalid connection string fails here, without quoting it.
/// </summary>
public sealed class SqlServerHistoryStore(string connectionString) : HistoryStore(new SqlServerHistoryDialect(connectionString));
