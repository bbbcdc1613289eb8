using System.Net;
using System.Net.Sockets;
using DataRefresh.Core.Errors;

namespace DataRefresh.Cli.Tests.Console;

/// <summary><c>datarefresh web</c> as a command: it listens where told, answers, and stops with exit 0 when cancelled.</summary>
public sealed class WebCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public WebCommandTests() => cli.UseEnvironments(("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "staging.db")}", false));

    [Fact]
    public async Task Web_listens_where_told_serves_the_sign_in_page_and_stops_on_cancel()
    {
        var port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = cli.RunAsync(["web", "--web", $"http://127.0.0.1:{port}", "--jobs", ConsoleTestServer.JobsFolder], new Dictionary<string, string?>(), stop.Token);

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpResponseMessage? answer = null;
        for (var attempt = 0; attempt < 100 && answer is null; attempt++)
        {
            try
            {
                answer = await client.GetAsync("/signin", TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException) when (!running.IsCompleted)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(HttpStatusCode.OK, answer?.StatusCode);
        await stop.CancelAsync();
        var (exitCode, output, error) = await running;
        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.Contains($"Console listening on http://127.0.0.1:{port}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_without_an_address_says_how_to_give_one()
    {
        var (exitCode, _, error) = await cli.RunAsync(["web"], withMaskingKey: false);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("web needs an address to listen on: pass --web http://127.0.0.1:8080 or set DataRefresh:Web:Urls", error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => cli.Dispose();
}
