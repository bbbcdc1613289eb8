using System.Globalization;
using DataRefresh.Core.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DataRefresh.Cli.Output;

/// <summary>
/// A run's progress on a terminal: a line for the run's phase and a bar per table (stage, rows, rows/s), redrawn a few
/// times a second by Spectre.Console. Log lines written meanwhile go through the same console and appear above the bars.
/// </summary>
internal sealed class TerminalProgress : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly RefreshProgress progress;
    private readonly CancellationTokenSource stop = new();
    private readonly Task display;

    public TerminalProgress(RefreshProgress progress, IAnsiConsole terminal)
    {
        this.progress = progress;
        display = terminal.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RowsColumn(), new ElapsedTimeColumn())
            .StartAsync(context => ShowAsync(context, stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await display;
        stop.Dispose();
    }

    private async Task ShowAsync(ProgressContext context, CancellationToken cancellationToken)
    {
        var run = context.AddTask("planning", maxValue: 1);
        run.IsIndeterminate = true;
        var bars = new Dictionary<TableProgress, ProgressTask>();
        using var timer = new PeriodicTimer(Interval);
        do
        {
            Show(context, run, bars);
        }
        while (await Tick(timer, cancellationToken));

        // Once more as the run ended, so the last frame has every table's final count.
        Show(context, run, bars);
    }

    private void Show(ProgressContext context, ProgressTask run, Dictionary<TableProgress, ProgressTask> bars)
    {
        run.Description = Markup.Escape(progress.Phase);
        foreach (var table in progress.Tables)
        {
            if (!bars.TryGetValue(table, out var bar))
            {
                bars[table] = bar = context.AddTask(Markup.Escape(table.Name), autoStart: false, maxValue: Math.Max(1, table.EstimatedRows));
            }

            Update(bar, table);
        }

        context.Refresh();
    }

    private static void Update(ProgressTask bar, TableProgress table)
    {
        var rows = table.Rows;
        bar.Description = $"{Markup.Escape(table.Name)} [grey]{StageText(table.Stage)}[/]";

        // Estimates are the catalog's: a table may hold more rows than it said, or a filter copy fewer.
        bar.MaxValue = Math.Max(bar.MaxValue, rows);
        if (table.Stage != TableStage.Waiting && !bar.IsStarted)
        {
            bar.StartTask();
        }

        bar.Value = rows;
        if (table.Stage == TableStage.Done)
        {
            bar.MaxValue = Math.Max(1, rows);
            bar.Value = bar.MaxValue;
            bar.StopTask();
        }
    }

    private static string StageText(TableStage stage) => stage switch
    {
        TableStage.Waiting => "waiting",
        TableStage.Copying => "copying",
        TableStage.BuildingIndexes => "building indexes",
        _ => "done",
    };

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Rows written so far and the current rate, for the bar of a table.</summary>
    private sealed class RowsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value,12:N0} rows {task.Speed ?? 0,10:N0} rows/s"));
    }
}
