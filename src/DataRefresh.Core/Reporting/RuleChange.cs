namespace DataRefresh.Core.Reporting;

/// <summary>
/// One difference between the old and the new rules: <paramref name="Subject"/> is a column (<c>public.customers.email</c>),
/// a table, or <c>rule set</c>; <paramref name="What"/> names the field that changed (<c>mask</c>, <c>classification</c>,
/// <c>rule removed</c>, …). Before and after are rule text, never row values.
/// </summary>
public sealed record RuleChange(string Subject, string What, string Before, string After);
