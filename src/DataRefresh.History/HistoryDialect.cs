using System.Data;
using System.Data.Common;

namespace DataRefresh.History;

/// <summary>
/// What one database engine changes about the history store, as Quartz.NET's <c>StdAdoDelegate</c> subclasses do: how to
/// connect, how an instant is stored, where the tables live and what the schema's migrations are. The statements in
/// HistoryDialect.Statements.cs are written once from these names; an engine overrides a statement only where its SQL
/// differs in shape. Identifiers come from constants here, never from data; every value is a parameter.
/// </summary>
internal abstract partial class HistoryDialect
{
    /// <summary>Where the store lives, for messages: never a password.</summary>
    public abstract string Location { get; }

    /// <summary>A closed connection to the store, ready for <see cref="DbConnection.OpenAsync()"/>.</summary>
    public abstract DbConnection NewConnection();

    /// <summary>Run once on every new connection before anything else, or null for nothing.</summary>
    public virtual string? SessionSetup => null;

    /// <summary>
    /// Whether every connection checks the schema version, rather than only the store's first one. A store that is
    /// cheap to check and may be replaced under a long-lived process (a file) says yes.
    /// </summary>
    public virtual bool ChecksSchemaOnEveryOpen => false;

    /// <summary>The schema's migrations, applied in order; the store's version is how many have been applied.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>One row whose first column is true (or non-zero) when the schema_version table exists.</summary>
    public abstract string SchemaVersionExists { get; }

    /// <summary>Creates the schema_version table (and whatever holds it) when it is missing.</summary>
    public abstract string CreateSchemaVersion { get; }

    /// <summary>
    /// A statement that takes a lock held until its transaction ends, with its one parameter <c>@lock</c>, or null for an
    /// engine whose transactions take the write lock when they begin (see <see cref="LockMigrationsAsync"/>).
    /// </summary>
    protected virtual (string Sql, DbType Type, object Value)? MigrationLockStatement => null;

    /// <summary>Holds off every other process's migration until <paramref name="transaction"/> ends.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The dialect's own constant statement; the lock's name goes in as a parameter.")]
    public async Task LockMigrationsAsync(DbTransaction transaction, CancellationToken cancellationToken = default)
    {
        if (MigrationLockStatement is not { } statement)
        {
            return;
        }

        await using var command = transaction.Connection!.CreateCommand();
        command.CommandText = statement.Sql;
        command.Transaction = transaction;
        command.With("@lock", statement.Type, statement.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The parameter type an instant is stored as: by default a timestamp with its offset.</summary>
    public virtual DbType InstantType => DbType.DateTimeOffset;

    /// <summary>An instant as the value of an <see cref="InstantType"/> parameter; by default in UTC (Npgsql writes a timestamptz only from an offset of zero).</summary>
    public virtual object InstantValue(DateTimeOffset at) => at.ToUniversalTime();

    /// <summary>An instant read back from a column written with <see cref="InstantValue"/>.</summary>
    public virtual DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A table's name as statements write it (with its schema where the engine has one).</summary>
    protected abstract string Table(string name);

    /// <summary>An instant column's name; an engine that stores instants as numbers may say in which unit.</summary>
    protected virtual string Time(string column) => column;

    /// <summary>The JSON column <c>tables</c> as a statement reads it: text.</summary>
    protected virtual string JsonAsText(string column) => column;

    /// <summary>A text parameter as a statement writes it into a JSON column.</summary>
    protected virtual string TextAsJson(string parameter) => parameter;

    /// <summary>A column that keeps audit records added in the same instant in the order they were added.</summary>
    protected abstract string AuditInsertionOrder { get; }
}
