namespace DataRefresh.Core.Preflight;

/// <summary>
/// One thing a run will need, as <c>plan</c> checks it before a first night: what was checked and, when something is
/// missing, what to grant or change — names only, never a row value.
/// </summary>
public sealed record PreflightCheck(PreflightStatus Status, string Text)
{
    public static PreflightCheck Ok(string text) => new(PreflightStatus.Ok, text);

    public static PreflightCheck Note(string text) => new(PreflightStatus.Note, text);

    public static PreflightCheck Warning(string text) => new(PreflightStatus.Warning, text);

    public static PreflightCheck Missing(string text) => new(PreflightStatus.Missing, text);
}

/// <summary>How a preflight check came out; <see cref="Missing"/> means a run would fail on it.</summary>
public enum PreflightStatus
{
    Ok,
    Note,
    Warning,
    Missing,
}
