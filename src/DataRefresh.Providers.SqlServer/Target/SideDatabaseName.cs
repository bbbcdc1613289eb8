namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>The side database a run loads next to its target: <c>&lt;target&gt;__refresh_&lt;run id&gt;</c>, found again by its prefix when a killed run leaves it.</summary>
internal static class SideDatabaseName
{
    public static string Prefix(string target) => target + "__refresh_";

    public static string Of(string target, string runId) => Prefix(target) + runId;
}
