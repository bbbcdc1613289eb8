using System.Net;
using System.Text;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Drift;
using Serilog;

namespace DataRefresh.Core.Notifications;

/// <summary>
/// Posts a finished run (or a drift check's problems) to the webhooks that want its events. A webhook that fails is
/// retried with backoff (2 s, then 4 s: a chat service's short hiccup) and then given up with a warning: a notice never
/// fails, nor much delays, the run it is about. Client errors other than 408 and 429 are not retried (the hook is misconfigured; a retry will not help).
/// </summary>
public sealed class RunNotifier(NotificationSettings settings, HttpClient http, ILogger logger, TimeProvider time)
{
    public const int Attempts = 3;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Never throws; returns how many notices were delivered.</summary>
    public async Task<int> NotifyAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        foreach (var @event in WebhookEvents.Of(record))
        {
            foreach (var hook in settings.Webhooks.Where(hook => hook.Wants(record.Job, @event)))
            {
                if (await PostAsync(hook, WebhookBody.For(hook, @event, record, settings.ConsoleUrl), cancellationToken))
                {
                    delivered++;
                    logger.Information("Told {Webhook} about run {RunId} ({Event})", hook.Name, record.RunId, @event);
                }
            }
        }

        return delivered;
    }

    /// <summary>Tells the hooks on <c>drift</c> what would stop the job's coming firing; never throws; returns how many were told.</summary>
    public async Task<int> NotifyDriftAsync(DriftCheck check, CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        foreach (var hook in settings.Webhooks.Where(hook => hook.Wants(check.Job, WebhookEvents.Drift)))
        {
            if (await PostAsync(hook, WebhookBody.ForDrift(hook, check, settings.ConsoleUrl), cancellationToken))
            {
                delivered++;
                logger.Information("Told {Webhook} about drift in job {Job}", hook.Name, check.Job);
            }
        }

        return delivered;
    }

    private async Task<bool> PostAsync(Webhook hook, string body, CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            string problem;
            var retryable = true;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AttemptTimeout);
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var answer = await http.PostAsync(hook.Url, content, timeout.Token);
                if (answer.IsSuccessStatusCode)
                {
                    return true;
                }

                problem = $"HTTP {(int)answer.StatusCode}";
                retryable = (int)answer.StatusCode is not (>= 400 and < 500) || answer.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // The exception's text may hold the address, which is the hook's secret: only its kind is logged.
                problem = exception is OperationCanceledException ? $"no answer within {AttemptTimeout.TotalSeconds:0} s" : exception.GetType().Name;
            }

            if (!retryable || attempt >= Attempts)
            {
                logger.Warning("Could not tell {Webhook} ({Problem}, {Attempts} attempts); the run's outcome is unchanged", hook.Name, problem, attempt);
                return false;
            }

            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            delay *= 2;
        }
    }
}
