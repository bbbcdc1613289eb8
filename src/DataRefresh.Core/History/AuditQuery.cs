namespace DataRefresh.Core.History;

/// <summary>Which audit records to read: runs started at or after <paramref name="Since"/>, of the job named <paramref name="Job"/>, of the run <paramref name="RunId"/>.</summary>
public sealed record AuditQuery(DateTimeOffset? Since = null, string? Job = null, string? RunId = null);
