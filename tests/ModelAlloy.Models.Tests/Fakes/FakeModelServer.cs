using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>
/// A loopback HTTP server (Kestrel on 127.0.0.1, port chosen by the OS) that plays back scripted responses in
/// order, whatever the path: the real OpenAI, Azure OpenAI and Anthropic clients are pointed at it.
/// When the script runs out it answers 500 "script exhausted", so a test never hangs on a missing response.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeModelServer> StartAsync()
    {
        var server = new FakeModelServer();
        (server._app, server.BaseUri) = await LoopbackKestrel.StartAsync(server.HandleAsync).ConfigureAwait(false);
        return server;
    }

    public FakeModelServer Enqueue(params ScriptedResponse[] responses)
    {
        foreach (ScriptedResponse response in responses)
        {
            _script.Enqueue(response);
        }

        return this;
    }

    public void Reset()
    {
        _script.Clear();
        _requests.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        ScriptedResponse next = _script.TryDequeue(out ScriptedResponse? scripted)
            ? scripted
            : new ScriptedResponse(500, """{"error":{"message":"script exhausted"}}""");
        if (next.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(next.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = next.Status;
        context.Response.ContentType = "application/json";
        foreach ((string name, string value) in next.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(next.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
