using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelAlloy.Api;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy serve [--port N] [--storage azurite|&lt;connection&gt;] [--pipelines DIR] [--catalog FILE]</c>: the HTTP API
/// (<see cref="AlloyApiEndpointRouteBuilderExtensions.MapModelAlloyApi"/>) on Kestrel at 127.0.0.1 over the self-hosted
/// worker (<see cref="LocalAlloyHost"/>), until Ctrl+C, which stops the web host and then the worker. <c>--port 0</c>
/// takes a free port; the address actually bound is printed.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The default port (the Functions host's local default is 7071; this one can run beside it).</summary>
    public const int DefaultPort = 7171;

    /// <summary>Creates <c>alloy serve</c>.</summary>
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = $"Port on 127.0.0.1 (0: any free port; default {DefaultPort})", DefaultValueFactory = _ => DefaultPort };
        var storage = new Option<string?>("--storage") { Description = "Durable store: azurite or a storage connection string (default: in memory, nothing survives the process)" };
        var pipelines = new Option<string>("--pipelines") { Description = "Folder of pipeline definitions", DefaultValueFactory = _ => "pipelines" };
        var catalog = new Option<string?>("--catalog") { Description = "Model catalog file (default: <pipelines>/catalogs/simulated.json)" };
        var command = new Command("serve", "Serve the HTTP API (runs, status, review, costs, dashboard) over the self-hosted worker on 127.0.0.1.")
        {
            port, storage, pipelines, catalog,
        };
        command.SetAction((parse, ct) => RunAsync(
            new LocalAlloyOptions { PipelinesFolder = parse.GetValue(pipelines)!, CatalogFile = parse.GetValue(catalog), Storage = parse.GetValue(storage) },
            parse.GetValue(port),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (Ctrl+C); returns the exit code.</summary>
    public static async Task<int> RunAsync(LocalAlloyOptions options, int port, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            error.WriteLine($"error: --port must be 0–65535, not {port}");
            return 2;
        }

        if (!Directory.Exists(options.PipelinesFolder))
        {
            error.WriteLine($"error: pipelines folder '{options.PipelinesFolder}' not found; pass --pipelines <dir> or run from the repository root");
            return 2;
        }

        LocalAlloyHost host;
        try
        {
            host = await LocalAlloyHost.StartAsync(options, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException or FormatException or ArgumentException or Azure.RequestFailedException)
        {
            error.WriteLine($"error: {ex.Message}");
            return 2;
        }

        await using (host)
        {
            await using WebApplication app = Build(host, port);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                error.WriteLine($"error: cannot listen on 127.0.0.1:{port}: {ex.Message}; pass --port <free port> (or 0)");
                return 1;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }

            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            bool simulated = host.Services.GetRequiredService<ModelCatalog>().Models.Any(m => m.Provider == ModelProviderKind.Simulated);
            output.WriteLine($"alloy serve: listening on {address}/{ApiRoutes.Prefix} (pipelines {Path.GetFullPath(options.PipelinesFolder)}, catalog {options.ResolvedCatalogFile}{(simulated ? ", SIMULATED models" : string.Empty)}, {(options.ResolvedStorage is null ? "in memory" : "Azure Storage")}); Ctrl+C stops");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop taking requests, let those in flight finish, then stop the worker.
            }

            await app.StopAsync(CancellationToken.None);
            output.WriteLine("alloy serve: stopped");
        }

        return 0;
    }

    /// <summary>The web host: Kestrel on 127.0.0.1, problem details for every error, the API over <paramref name="host"/>.</summary>
    internal static WebApplication Build(LocalAlloyHost host, int port, Action<IWebHostBuilder>? configureWebHost = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        configureWebHost?.Invoke(builder.WebHost);

        // System.CommandLine owns Ctrl+C (it cancels the action's token); the host must not install a second handler.
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.AddProblemDetails();
        builder.Services.AddModelAlloyApi(host.Client, host.Services, builder.Configuration);
        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapModelAlloyApi();
        return app;
    }

    private sealed class CommandLineLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
