using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DataRefresh.Cli.Tests.Notifications;

/// <summary>
/// A real HTTP listener on a free loopback port that keeps every body posted to it and answers with the statuses it is
/// given in turn (then 200): what a chat service's webhook is to DataRefresh.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers;
    private readonly Task serving;

    public WebhookReceiver(params HttpStatusCode[] answers)
    {
        this.answers = new ConcurrentQueue<HttpStatusCode>(answers);
        Address = new Uri($"http://127.0.0.1:{FreePort()}/hooks/");
        listener.Prefixes.Add(Address.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                Bodies.Enqueue(await reader.ReadToEndAsync());
            }

            context.Response.StatusCode = (int)(answers.TryDequeue(out var status) ? status : HttpStatusCode.OK);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
