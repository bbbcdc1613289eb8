using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DataRefresh.History;

/// <summary>
/// Brings a store's schema to the dialect's migrations. <c>schema_version</c> holds the highest applied. Several processes
/// may open one store at once, so migrating happens in one transaction under the dialect's lock, re-reading the version
/// under it; a newer schema than this build knows is refused rather than written in a shape it does not understand.
/// </summary>
internal static class HistorySchema
{
    public static async Task MigrateAsync(HistoryDialect dialect, DbConnection connection, CancellationToken cancellationToken = default)
    {
        // The common case, a store already current, reads one row and takes no lock.
        if (Check(dialect, await CurrentVersionAsync(dialect, connection, null, cancellationToken)) == dialect.Migrations.Count)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await dialect.LockMigrationsAsync(transaction, cancellationToken);
        await ExecuteAsync(transaction, dialect.CreateSchemaVersion, null, cancellationToken);
        for (var next = Check(dialect, await CurrentVersionAsync(dialect, connection, transaction, cancellationToken)); next < dialect.Migrations.Count; next++)
        {
            await ExecuteAsync(transaction, dialect.Migrations[next], null, cancellationToken);
            await ExecuteAsync(transaction, dialect.AddSchemaVersion, next + 1, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static int Check(HistoryDialect dialect, int current) =>
        current <= dialect.Migrations.Count
            ? current
            : throw new InvalidOperationException(
                $"The history store {dialect.Location} has schema version {current}, newer than this datarefresh knows ({dialect.Migrations.Count}); use a newer datarefresh.");

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The statements are the dialect's constants; they take no values.")]
    private static async Task<int> CurrentVersionAsync(HistoryDialect dialect, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = dialect.SchemaVersionExists;
        exists.Transaction = transaction;

        // Engines answer in their own type (a boolean, a count).
        if (!Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture))
        {
            return 0;
        }

        await using var read = connection.CreateCommand();
        read.CommandText = dialect.ReadSchemaVersion;
        read.Transaction = transaction;
        return await read.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull ? Convert.ToInt32(version, CultureInfo.InvariantCulture) : 0;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The statements are the dialect's migrations and constants; the version goes in as a parameter.")]
    private static async Task ExecuteAsync(DbTransaction transaction, string sql, int? version, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (version is { } value)
        {
            command.With("@version", DbType.Int32, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
