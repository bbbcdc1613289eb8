namespace DataRefresh.Core.History;

/// <summary>
/// A run as it starts: <paramref name="Trigger"/> says why it runs ("schedule", "run command", "request 12 by ann@ops1",
/// "after nightly-staging", "recovery of run …", "retry 2 of 3"), <paramref name="Node"/> which process runs it, and
/// <paramref name="ScheduledFor"/> the firing it belongs to (null for runs nobody scheduled).
/// </summary>
public sealed record RunStart(
    string RunId,
    string Job,
    string Trigger,
    string Node,
    DateTimeOffset StartedAt,
    DateTimeOffset? ScheduledFor,
    string? Target);
