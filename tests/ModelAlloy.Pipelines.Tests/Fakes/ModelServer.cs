using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Pipelines.Tests.Fakes;

/// <summary>
/// A loopback OpenAI-compatible server (Kestrel on 127.0.0.1, port from the OS) that answers per model (the request's
/// <c>model</c> field): scripted answers in order, then the model's standing answer, else a 500 "script exhausted",
/// so a test never hangs. Parallel stages call several models at once; per-model scripts keep them deterministic.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<string, string>> _standing = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Model, string Prompt)> _requests = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _releaseDelays = new();
    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<(string Model, string Prompt)> Requests => _requests.ToArray();

    public int CallsTo(string model) => Requests.Count(r => r.Model == model);

    public static async Task<ModelServer> StartAsync()
    {
        var server = new ModelServer();
        (server._app, server.BaseUri) = await LoopbackKestrel.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Queues answers (message contents) for a model, played in order.</summary>
    public ModelServer Script(string model, params string[] answers)
    {
        ConcurrentQueue<string> queue = _scripts.GetOrAdd(model, _ => new ConcurrentQueue<string>());
        foreach (string answer in answers)
        {
            queue.Enqueue(answer);
        }

        return this;
    }

    /// <summary>Answers every further call of a model from its prompt.</summary>
    public ModelServer Always(string model, Func<string, string> answer)
    {
        _standing[model] = answer;
        return this;
    }

    /// <summary>Makes every call of a model wait before answering (until <see cref="ReleaseDelays"/> or the client gives up).</summary>
    public ModelServer Delay(string model, TimeSpan delay)
    {
        _delays[model] = delay;
        return this;
    }

    /// <summary>Ends every pending delay now (so a worker stopping is not held up by a call nobody waits for).</summary>
    public void ReleaseDelays() => _releaseDelays.Cancel();

    public async ValueTask DisposeAsync()
    {
        ReleaseDelays();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        JsonNode body = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted))!;
        string model = body["model"]?.GetValue<string>() ?? "?";
        string prompt = string.Join("\n", body["messages"]!.AsArray().Select(m => m!["content"]?.ToString() ?? string.Empty));
        _requests.Enqueue((model, prompt));
        if (_delays.TryGetValue(model, out TimeSpan delay))
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _releaseDelays.Token);
            await Task.Delay(delay, wait.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        string? answer = _scripts.TryGetValue(model, out ConcurrentQueue<string>? queue) && queue.TryDequeue(out string? next) ? next
            : _standing.TryGetValue(model, out Func<string, string>? standing) ? standing(prompt)
            : null;
        context.Response.ContentType = "application/json";
        if (answer is null)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("""{"error":{"message":"script exhausted"}}""", context.RequestAborted);
            return;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_760_000_000,
            model,
            choices = new object[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content = answer } } },
            usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
        }), context.RequestAborted);
    }
}
