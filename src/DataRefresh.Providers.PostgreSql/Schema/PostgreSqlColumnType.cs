using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql.Schema;

/// <summary>
/// What the binary COPY path must know about a column beyond <see cref="ColumnInfo"/>.
/// Binary arrays carry their element type's OID, and OIDs of user-defined types differ between databases, so an array of
/// a user type (<paramref name="UserArrayElement"/>) has its OID rewritten on the way. Composite values embed an OID per
/// field; tables holding them (<paramref name="NeedsTextFormat"/>) are copied in text format instead. For arrays,
/// <paramref name="ElementBaseType"/> is the elements' storage type and <paramref name="ElementOid"/> the element type's
/// OID in the source (the same in every database for built-in types). An enum's value travels in binary COPY as its
/// label's text (<paramref name="IsEnum"/>).
/// </summary>
internal sealed record PostgreSqlColumnType(string BaseType, QualifiedName? UserArrayElement, bool NeedsTextFormat, string? ElementBaseType = null, uint ElementOid = 0, bool IsEnum = false);
