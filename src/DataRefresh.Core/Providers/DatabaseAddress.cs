using System.Net;
using System.Net.Sockets;

namespace DataRefresh.Core.Providers;

/// <summary>
/// One host and port a connection string may reach (several with failover lists). A SQL Server named instance reached
/// without a port has port 0 and its <paramref name="Instance"/> name (upper case): its port is only known to the
/// server's browser service, so it is compared by name.
/// </summary>
public sealed record DatabaseEndpoint(string Host, int Port, string? Instance = null);

/// <summary>
/// Where a connection string leads, as the production guard compares it: its endpoints and database name. Two addresses
/// are the same place when they share a port on a host that normalises alike (case, a trailing dot, any loopback
/// spelling) or resolves to a common IP address, and name the same database.
/// </summary>
public sealed record DatabaseAddress(IReadOnlyList<DatabaseEndpoint> Endpoints, string Database)
{
    private const string Loopback = "loopback";
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    public async Task<bool> IsSamePlaceAsync(DatabaseAddress other, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(Database, other.Database, StringComparison.Ordinal))
        {
            return false;
        }

        // Each host is resolved once, and only when the other side has an endpoint on the same port.
        var ours = await PlacesByPortAsync(Endpoints, other.Endpoints, cancellationToken);
        var theirs = await PlacesByPortAsync(other.Endpoints, Endpoints, cancellationToken);
        return ours.Any(place => theirs.Contains(place));
    }

    private static async Task<HashSet<(int Port, string? Instance, string Place)>> PlacesByPortAsync(
        IReadOnlyList<DatabaseEndpoint> endpoints, IReadOnlyList<DatabaseEndpoint> others, CancellationToken cancellationToken)
    {
        var places = new HashSet<(int Port, string? Instance, string Place)>();
        foreach (var endpoint in endpoints.Where(endpoint => others.Any(other => other.Port == endpoint.Port && other.Instance == endpoint.Instance)))
        {
            foreach (var place in await PlacesAsync(endpoint.Host, cancellationToken))
            {
                places.Add((endpoint.Port, endpoint.Instance, place));
            }
        }

        return places;
    }

    /// <summary>
    /// The names a host is known by: its normalised spelling and, for host names, the addresses DNS gives (a failed
    /// lookup leaves the name alone). Unix socket folders stay as they are; the database identity check catches a
    /// socket and a TCP address of the same server.
    /// </summary>
    internal static async Task<HashSet<string>> PlacesAsync(string host, CancellationToken cancellationToken)
    {
        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.StartsWith('/') || name.StartsWith('@'))
        {
            return ["socket:" + name.TrimEnd('/')];
        }

        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return [Loopback];
        }

        if (IPAddress.TryParse(name.Trim('[', ']'), out var address))
        {
            return [Normalise(address)];
        }

        var places = new HashSet<string>(StringComparer.Ordinal) { name };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            foreach (var resolved in await Dns.GetHostAddressesAsync(name, timeout.Token))
            {
                places.Add(Normalise(resolved));
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Unresolvable here: compare by name only.
        }

        return places;
    }

    private static string Normalise(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) ? Loopback : address.ToString();
    }
}
