namespace DataRefresh.Core.Schema;

/// <summary>
/// One column of a source table. <paramref name="MaxLength"/> is the declared character limit (varchar(n), char(n)) or null.
/// <paramref name="IsGenerated"/> columns are computed by the target and never copied. <paramref name="NativeType"/> is
/// the provider's name of the storage type after domains are resolved (PostgreSQL: <c>int4</c>, <c>varchar</c>, …).
/// <paramref name="Precision"/> and <paramref name="Scale"/> bound numbers a mask produces: for integer columns the
/// precision is the width in bits (16, 32, 64); for <c>numeric(p,s)</c> they are p and s; otherwise null.
/// <paramref name="Element"/> describes the elements of an <see cref="ColumnCategory.Array"/> column (masks other than
/// null and constant apply to each element), otherwise null. <paramref name="FloatingPoint"/> marks a
/// <see cref="ColumnCategory.Numeric"/> column of binary floating point (values are double, not decimal), so an engine
/// building the column from this model picks the same kind. <paramref name="Labels"/> are the values an enumerated column
/// may hold (a PostgreSQL enum, in its declared order; a SQLite <c>CHECK (column IN (…))</c>), otherwise null: such a
/// column is <see cref="ColumnCategory.Other"/> (only null and constant replace it) with values as strings, and an engine
/// building it from this model gives it text with a check that keeps it to its labels. <paramref name="Expression"/> is a
/// generated column's expression in the form every engine computes alike (<see cref="PortableExpression"/>), or null
/// when the column is not generated or its expression is the engine's own SQL: an engine building the column from this
/// model makes it a generated column again, or lists it as not copied when there is none.
/// </summary>
public sealed record ColumnInfo(
    string Name,
    string DataType,
    string NativeType,
    ColumnCategory Category,
    int? MaxLength,
    bool NotNull,
    bool IsGenerated,
    int? Precision = null,
    int? Scale = null,
    ColumnInfo? Element = null,
    bool FloatingPoint = false,
    IReadOnlyList<string>? Labels = null,
    string? Expression = null);
