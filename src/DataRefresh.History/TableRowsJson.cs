using System.Text.Json;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>
/// A run's rows per table as one JSON array (<c>[{"table":"public.x","rows":3}]</c>) in a single column: the list is only
/// ever read whole with its run, so a child table would add joins and nothing else.
/// </summary>
internal static class TableRowsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(IReadOnlyList<TableRows> tables) => JsonSerializer.Serialize(tables, Options);

    public static IReadOnlyList<TableRows> Deserialize(string json) => JsonSerializer.Deserialize<List<TableRows>>(json, Options) ?? [];
}
