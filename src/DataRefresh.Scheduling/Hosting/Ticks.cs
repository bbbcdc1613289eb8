namespace DataRefresh.Scheduling.Hosting;

/// <summary>The loop of a node's periodic duties: the next tick, or false once the node is stopping.</summary>
internal static class Ticks
{
    public static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken cancellationToken)
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
}
