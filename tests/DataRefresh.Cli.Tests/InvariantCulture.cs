using System.Runtime.CompilerServices;

/// <summary>
/// This test program, like datarefresh itself, loads ICU for SQL Server's client but formats as the invariant culture
/// (<see cref="DataRefresh.Core.Configuration.ProcessCulture"/>), whatever the machine's locale.
/// </summary>
internal static class InvariantCulture
{
    [ModuleInitializer]
    internal static void Use() => DataRefresh.Core.Configuration.ProcessCulture.UseInvariant();
}
