using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// The cut-over's operations as T-SQL on the target server, run from <c>master</c> in autocommit (renames cannot run in a
/// transaction). The journal is a table of the server's DataRefresh control database (<see cref="CutOverSql.ControlDatabase"/>),
/// created on first use, so it outlives the process and the databases it renames. Names are bracket-quoted; values are
/// parameters.
/// </summary>
[SuppressMessage("Security", "CA2100", Justification = "Statements are built from bracket-quoted database names (SqlServerDialect.Quote); values are parameters.")]
internal sealed class SqlServerCutOverServer(SqlConnection master) : ICutOverServer
{
    public async Task<bool> ExistsAsync(string database, CancellationToken cancellationToken)
    {
        await using var command = Command(CutOverSql.Exists);
        command.Parameters.AddWithValue("@name", database);
        return await command.ExecuteScalarAsync(cancellationToken) is not (null or DBNull);
    }

    public Task EndSessionsAsync(string database, CancellationToken cancellationToken) => ExecuteAsync(CutOverSql.EndSessions(database), cancellationToken);

    public Task ReopenSessionsAsync(string database, CancellationToken cancellationToken) => ExecuteAsync(CutOverSql.ReopenSessions(database), cancellationToken);

    public Task RenameAsync(string database, string newName, CancellationToken cancellationToken) => ExecuteAsync(CutOverSql.Rename(database, newName), cancellationToken);

    public Task DropAsync(string database, CancellationToken cancellationToken) => ExecuteAsync(CutOverSql.Drop(database), cancellationToken);

    public async Task WriteJournalAsync(CutOverJournalEntry entry, CancellationToken cancellationToken)
    {
        await ExecuteAsync(CutOverSql.CreateJournal, cancellationToken);
        await using var command = Command(CutOverSql.WriteJournal);
        command.Parameters.AddWithValue("@target", entry.Target);
        command.Parameters.AddWithValue("@side", entry.Side);
        command.Parameters.AddWithValue("@aside", entry.Aside);
        command.Parameters.AddWithValue("@keep_previous", entry.KeepPrevious);
        command.Parameters.AddWithValue("@run_id", entry.RunId);
        command.Parameters.AddWithValue("@step", (byte)entry.Step);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CutOverJournalEntry?> ReadJournalAsync(string target, CancellationToken cancellationToken)
    {
        await using var command = Command(CutOverSql.ReadJournal);
        command.Parameters.AddWithValue("@target", target);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CutOverJournalEntry(target, reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3), (CutOverStep)reader.GetByte(4))
            : null;
    }

    public async Task DeleteJournalAsync(string target, CancellationToken cancellationToken)
    {
        await using var command = Command(CutOverSql.DeleteJournal);
        command.Parameters.AddWithValue("@target", target);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqlCommand Command(string sql) => new(sql, master) { CommandTimeout = 0 };
}
