using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Spectre.Console;

namespace DataRefresh.Cli.Output;

/// <summary>
/// Writes log events to standard error (or a test's writer), one event at a time. On a terminal they go through the
/// Spectre console that also draws the progress bars, so a line never lands in the middle of a bar.
/// </summary>
internal sealed class ConsoleLogSink(TextWriter writer, IAnsiConsole? terminal, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            if (terminal is null)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
                return;
            }

            using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            formatter.Format(logEvent, line);
            terminal.Write(new Text(line.ToString()));
        }
    }
}
