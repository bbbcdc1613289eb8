namespace DataRefresh.Core.Errors;

/// <summary>
/// A failure we understand and can explain in one sentence. The message must never hold a row value,
/// a password or the masking key: it is printed and logged as it is.
/// </summary>
public class DataRefreshException : Exception
{
    public DataRefreshException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
