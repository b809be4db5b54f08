using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Testing.Azurite;

/// <summary>
/// A loopback Application Insights ingestion endpoint (Kestrel on 127.0.0.1): records every telemetry batch the Azure
/// Monitor exporter posts (gzip or plain) and accepts it.
/// </summary>
public sealed class FakeIngestionServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _batches = new();
    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>A connection string that sends telemetry here.</summary>
    public string ConnectionString => $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={BaseUri}";

    public IReadOnlyList<string> Batches => _batches.ToArray();

    public static async Task<FakeIngestionServer> StartAsync()
    {
        var server = new FakeIngestionServer();
        (server._app, server.BaseUri) = await LoopbackKestrel.StartAsync(server.HandleAsync).ConfigureAwait(false);
        return server;
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
        Stream body = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        using var reader = new StreamReader(body);
        string text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        _batches.Enqueue(text);
        int items = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"itemsReceived":{{items}},"itemsAccepted":{{items}},"errors":[]}""", context.RequestAborted).ConfigureAwait(false);
    }
}
