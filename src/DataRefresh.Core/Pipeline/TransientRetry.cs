using DataRefresh.Core.Providers;
using Serilog;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// Retries one unit of work (a table, or a slice of one) when the provider calls its failure transient, with growing
/// pauses. A unit loads in one transaction on the side database, so a failed attempt leaves nothing behind and the next
/// attempt never duplicates rows. Permanent failures and cancellation pass through at once.
/// </summary>
/// <param name="providers">The providers whose errors may arrive here (source and target); any of them may call one transient.</param>
public sealed class TransientRetry(IReadOnlyList<IRefreshProvider> providers, ILogger logger, TimeProvider timeProvider)
{
    public const int MaxAttempts = 3;

    /// <summary>Pause before the second attempt; it doubles for each one after.</summary>
    public TimeSpan FirstPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <param name="what">What is being done, for the log ("copying public.orders").</param>
    /// <param name="attempt">The work, called once per attempt.</param>
    /// <param name="discardAttempt">Undoes what a failed attempt reported (progress counters, statistics).</param>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> attempt, Action discardAttempt, CancellationToken cancellationToken = default)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (Exception exception) when (number < MaxAttempts && !cancellationToken.IsCancellationRequested && providers.Any(provider => provider.IsTransient(exception)))
            {
                discardAttempt();
                var pause = FirstPause * Math.Pow(2, number - 1);

                // The provider's sentence is already stripped of values; the raw exception text may not be.
                var reason = providers.Select(provider => provider.Explain(exception)).FirstOrDefault(explained => explained is not null)?.Message ?? exception.GetType().Name;
                logger.Warning(
                    "{What}: transient failure, attempt {Attempt} of {MaxAttempts} rolled back; retrying in {Seconds:F0} s: {Reason}",
                    what, number, MaxAttempts, pause.TotalSeconds, reason);
                await Task.Delay(pause, timeProvider, cancellationToken);
            }
        }
    }
}
