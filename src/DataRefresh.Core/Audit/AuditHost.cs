namespace DataRefresh.Core.Audit;

/// <summary>Who ran a refresh and where: the operating-system user, the machine, the process and the tool's version.</summary>
public sealed record AuditHost(string User, string Machine, int ProcessId, string ToolVersion)
{
    public static AuditHost Current() => new(
        Environment.UserName,
        Environment.MachineName,
        Environment.ProcessId,
        typeof(AuditHost).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown");
}
