using System.Collections.Concurrent;

namespace DataRefresh.Web.SignIn;

/// <summary>
/// Slows password guessing: after <see cref="AccountLimit"/> failed sign-ins for one account name, or
/// <see cref="AddressLimit"/> from one address, within <see cref="Window"/>, further attempts for it are refused without
/// checking the password until the oldest failure leaves the window. A success clears the account's failures. Kept in
/// memory per console process: a restart forgives, which a DBA may also want.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int AccountLimit = 5;
    public const int AddressLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);

    /// <summary>When attempts for this account or from this address may resume, or null when they may go on now.</summary>
    public DateTimeOffset? BlockedUntil(string account, string address)
    {
        var now = time.GetUtcNow();
        var byAccount = ResumesAt(AccountKey(account), AccountLimit, now);
        var byAddress = ResumesAt(AddressKey(address), AddressLimit, now);
        return byAccount is null ? byAddress : byAddress is null ? byAccount : byAccount > byAddress ? byAccount : byAddress;
    }

    public void Failed(string account, string address)
    {
        var now = time.GetUtcNow();
        foreach (var key in new[] { AccountKey(account), AddressKey(address) })
        {
            var queue = failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (queue)
            {
                queue.Enqueue(now);
            }
        }
    }

    public void Succeeded(string account) => failures.TryRemove(AccountKey(account), out _);

    private DateTimeOffset? ResumesAt(string key, int limit, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var queue))
        {
            return null;
        }

        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() + Window <= now)
            {
                queue.Dequeue();
            }

            return queue.Count >= limit ? queue.ElementAt(queue.Count - limit) + Window : null;
        }
    }

    private static string AccountKey(string account) => "account:" + account.Trim().ToUpperInvariant();

    private static string AddressKey(string address) => "address:" + address;
}
