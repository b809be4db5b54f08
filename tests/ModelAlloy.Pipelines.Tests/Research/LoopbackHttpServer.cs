using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>A loopback HTTP(S) server (Kestrel on 127.0.0.1, port from the OS) answering every request with a handler; it keeps what it was sent.</summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, string PathAndQuery, IHeaderDictionary Headers, string Body)> _requests = new();
    private WebApplication _app = null!;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<(string Method, string PathAndQuery, IHeaderDictionary Headers, string Body)> Requests => _requests.ToArray();

    /// <summary>Starts the server, on HTTPS with <paramref name="certificate"/> when one is given.</summary>
    public static async Task<LoopbackHttpServer> StartAsync(Func<HttpContext, string, Task> handle, X509Certificate2? certificate = null)
    {
        var server = new LoopbackHttpServer();
        (server._app, server.BaseUri) = await LoopbackKestrel.StartAsync(
            async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                string body = await reader.ReadToEndAsync(context.RequestAborted);
                server._requests.Enqueue((context.Request.Method, context.Request.Path + context.Request.QueryString, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body));
                await handle(context, body);
            },
            certificate,
            TestTimeout.Token());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
