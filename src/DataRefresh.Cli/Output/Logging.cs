using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Display;

namespace DataRefresh.Cli.Output;

/// <summary>
/// Serilog from the <c>Serilog</c> section of the settings (levels, extra sinks such as a file), always also writing to
/// standard error so standard output carries only what a command prints (plans, summaries).
/// </summary>
internal static class Logging
{
    private const string Template = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}";

    public static Logger Create(IConfiguration configuration, CliConsole console)
    {
        var formatter = new MessageTemplateTextFormatter(Template, System.Globalization.CultureInfo.InvariantCulture);
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .ReadFrom.Configuration(configuration)
            .WriteTo.Sink(new ConsoleLogSink(console.Error, console.Terminal, formatter))
            .CreateLogger();
    }
}
