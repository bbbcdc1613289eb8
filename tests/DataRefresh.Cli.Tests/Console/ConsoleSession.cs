using System.Net;
using System.Text.RegularExpressions;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>A signed-in (or anonymous) HTTP client of the console that fills in the anti-forgery token its forms carry.</summary>
internal sealed partial class ConsoleSession(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<ConsoleSession> SignInAsync(ConsoleTestServer server, string name, string password = ConsoleTestServer.Password) =>
        SignInAsync(server.Address, name, password);

    /// <summary>Signs in to the console at <paramref name="address"/> (one a serve node hosts, say).</summary>
    public static async Task<ConsoleSession> SignInAsync(Uri address, string name, string password = ConsoleTestServer.Password)
    {
        var session = new ConsoleSession(ConsoleTestServer.NewClient(address));
        var answer = await session.PostFormAsync("/signin", "/signin", new() { ["Name"] = name, ["Password"] = password });
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"sign-in as {name} answered {answer.StatusCode}");
        return session;
    }

    /// <summary>Loads <paramref name="formPage"/> for its anti-forgery token, then posts the fields with it to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields, bool withToken = true)
    {
        var page = await client.GetStringAsync(formPage, Token);
        if (withToken)
        {
            fields["__RequestVerificationToken"] = FormToken(page);
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(fields), Token);
    }

    /// <summary>Posts to the API as a script does: with the anti-forgery token <c>GET /api/session</c> gives, in its header.</summary>
    public async Task<HttpResponseMessage> PostApiAsync(string path, object? body = null)
    {
        var sessionJson = await client.GetStringAsync("/api/session", Token);
        var requestToken = System.Text.Json.JsonDocument.Parse(sessionJson).RootElement.GetProperty("requestToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add(Web.Api.ConsoleApi.AntiforgeryHeader, requestToken);
        return await client.SendAsync(request, Token);
    }

    public static string FormToken(string page) =>
        AntiforgeryField().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("the page has no anti-forgery token");

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
