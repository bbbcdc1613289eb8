using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace DataRefresh.Cli.Output;

/// <summary>
/// <c>datarefresh --version</c>: the release version and the commit it was built from, which the .NET SDK stamps into the
/// informational version ("0.9.0+&lt;commit&gt;") when it builds from a git checkout.
/// </summary>
internal sealed class ProgramVersion : SynchronousCommandLineAction
{
    public static string Describe(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? $"datarefresh {informational} (commit unknown: built outside a git checkout)"
            : $"datarefresh {informational[..plus]} (commit {informational[(plus + 1)..]})";
    }

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Describe(typeof(ProgramVersion).Assembly));
        return 0;
    }
}
