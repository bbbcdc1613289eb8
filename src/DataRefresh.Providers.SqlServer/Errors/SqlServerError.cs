namespace DataRefresh.Providers.SqlServer.Errors;

/// <summary>
/// One error the server (or the client, for connection failures) reported: its number, its severity class and its text,
/// which may quote row values and is never shown as it is (see <see cref="SqlServerErrors"/>).
/// </summary>
internal sealed record SqlServerError(int Number, byte Class, string Message);
