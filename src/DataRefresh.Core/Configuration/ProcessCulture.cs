using System.Globalization;

namespace DataRefresh.Core.Configuration;

/// <summary>
/// The program formats and parses as the invariant culture whatever the machine's locale, so its output, logs, reports
/// and files read the same everywhere. It does not run in globalization-invariant mode: Microsoft.Data.SqlClient needs
/// the ICU libraries (code pages and collations of SQL Server's text) and refuses to connect without them.
/// </summary>
public static class ProcessCulture
{
    public static void UseInvariant()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
