using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>
/// The history store, one implementation for every engine: what differs per engine (connection, names, instant type, the
/// statements whose shape differs, migrations) is its <see cref="HistoryDialect"/>. Each call opens its own connection,
/// so any number of processes and threads may use one store. Audit records, run history and scheduler coordination:
/// HistoryStore.Audit.cs, HistoryStore.Runs.cs and HistoryStore.Scheduler.cs.
/// </summary>
public partial class HistoryStore : IHistoryStore
{
    private readonly HistoryDialect dialect;
    private volatile bool migrated;

    // Internal: a new engine is a new dialect, not a new store; callers name a store through its engine's subclass.
    internal HistoryStore(HistoryDialect dialect) => this.dialect = dialect;

    public string Location => dialect.Location;

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = dialect.NewConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (dialect.SessionSetup is { } setup)
            {
                await using var command = Command(connection, setup);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!migrated)
            {
                await HistorySchema.MigrateAsync(dialect, connection, cancellationToken);
                migrated = !dialect.ChecksSchemaOnEveryOpen;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every row <paramref name="sql"/> returns, each made by <paramref name="read"/>, on a connection of its own.</summary>
    private async Task<IReadOnlyList<T>> ReadRowsAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, DbType Type, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        return await ReadAllAsync(command, read, cancellationToken);
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of its own; returns the rows it changed.</summary>
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, DbType Type, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every row <paramref name="command"/> returns, each made by <paramref name="read"/>.</summary>
    private static async Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Every statement is one of the dialect's, built from constant table and column names; values go in as parameters.")]
    private static DbCommand Command(DbConnection connection, string sql, params ReadOnlySpan<(string Name, DbType Type, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type, value) in parameters)
        {
            command.With(name, type, value);
        }

        return command;
    }

    private static (string, DbType, object?) Text(string name, string? value) => (name, DbType.String, value);

    private static (string, DbType, object?) Integer(string name, int? value) => (name, DbType.Int32, value);

    private static (string, DbType, object?) Long(string name, long? value) => (name, DbType.Int64, value);

    private (string, DbType, object?) Instant(string name, DateTimeOffset? at) =>
        (name, dialect.InstantType, at is { } value ? dialect.InstantValue(value) : null);
}
