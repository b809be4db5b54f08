using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Api;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Functions.Tests.Fakes;

/// <summary>
/// A real <see cref="DurableTaskClient"/> from the self-hosted worker over the repository's pipelines and simulated
/// catalog, and the <see cref="AlloyApi"/> the Functions app's HTTP triggers are handed (registered as
/// <c>AddModelAlloyApi</c> does). Requests are ASP.NET Core's own <see cref="DefaultHttpContext"/>, as the worker's
/// ASP.NET Core integration hands them to a function; answers are executed into it and read back.
/// </summary>
public sealed class PipelineApiFixture : IAsyncLifetime
{
    public const string BaseUrl = "http://127.0.0.1:7071";

    private LocalAlloyHost? _host;
    private ServiceProvider? _services;

    public DurableTaskClient Client => (_host ?? throw new InvalidOperationException("not started")).Client;

    public AlloyApi Api => _services!.GetRequiredService<AlloyApi>();

    public async Task InitializeAsync()
    {
        _host = await LocalAlloyHost.StartAsync(
            new LocalAlloyOptions { PipelinesFolder = Path.Combine(AppContext.BaseDirectory, "pipelines") }, cancellationToken: TestTimeout.Token());
        _services = new ServiceCollection().AddLogging().AddModelAlloyApi(_host.Client, _host.Services).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A request as the Functions host routes it: <paramref name="pathAndQuery"/> under <see cref="BaseUrl"/>.</summary>
    public HttpContext Request(string method, string pathAndQuery, string? body = null)
    {
        var uri = new Uri(BaseUrl + pathAndQuery);
        var context = new DefaultHttpContext { RequestServices = _services! };
        context.Request.Method = method;
        context.Request.Scheme = uri.Scheme;
        context.Request.Host = new HostString(uri.Host, uri.Port);
        context.Request.Path = uri.AbsolutePath;
        context.Request.QueryString = new QueryString(uri.Query);
        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Executes a function's answer as the worker does and returns the status and the body.</summary>
    public static async Task<(int Status, string Body)> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    public static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
