namespace DataRefresh.Core.Pipeline;

/// <summary>One expect query of an after step: where it is written (<c>file:line:column</c>) and how many rows it returned.</summary>
public sealed record ExpectResult(string Location, long Rows);
