using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace DataRefresh.Cli.Output;

/// <summary>Writes log events to a given writer (standard error, or a test's writer), one event at a time.</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
