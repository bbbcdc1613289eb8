using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql.Schema;

/// <summary>The provider-neutral schema plus the PostgreSQL type details the copy path needs.</summary>
internal sealed record PostgreSqlSchema(DatabaseSchema Schema, IReadOnlyDictionary<QualifiedName, IReadOnlyList<PostgreSqlColumnType>> ColumnTypes);
