using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql.Schema;

/// <summary>
/// What the binary COPY path must know about a column beyond <see cref="ColumnInfo"/>.
/// Binary arrays carry their element type's OID, and OIDs of user-defined types differ between databases, so an array of
/// a user type (<paramref name="UserArrayElement"/>) has its OID rewritten on the way. Composite values embed an OID per
/// field; tables holding them (<paramref name="NeedsTextFormat"/>) are copied in text format instead.
/// </summary>
internal sealed record PostgreSqlColumnType(string BaseType, QualifiedName? UserArrayElement, bool NeedsTextFormat);
