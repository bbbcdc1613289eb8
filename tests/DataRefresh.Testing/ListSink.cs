using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace DataRefresh.Testing;

/// <summary>Keeps log lines rendered as the command line renders them (strings unquoted), to check what the operator is told.</summary>
public sealed class ListSink(List<string> lines) : ILogEventSink
{
    private readonly MessageTemplateTextFormatter formatter = new("{Message:lj}", System.Globalization.CultureInfo.InvariantCulture);

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        formatter.Format(logEvent, text);
        lock (lines)
        {
            lines.Add(text.ToString());
        }
    }
}
