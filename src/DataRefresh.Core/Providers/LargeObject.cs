namespace DataRefresh.Core.Providers;

/// <summary>One large object as a source reads it: its id (PostgreSQL: the oid columns refer to) and its content in chunks, read lazily in order.</summary>
public sealed record LargeObject(long Id, IAsyncEnumerable<ReadOnlyMemory<byte>> Content);
