using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Hosting;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>
/// The pipelines workload: every example pipeline (and a five-stage chain and an ensemble of three) on simulated
/// models with fixed latencies, on each backend: end-to-end latency against the run's critical path of model time,
/// and cost per 1,000 items against one capable-model call per item on the same items.
/// </summary>
internal static class PipelineBench
{
    public static async Task<int> RunAsync(BenchArgs a, string[] args, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        using BenchPipelineFolder folder = BenchPipelineFolder.Create(a.CheapMs, a.CapableMs);
        Console.WriteLine($"# ModelAlloy.Bench pipelines — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        Console.WriteLine();
        Console.WriteLine($"args: {string.Join(' ', args)}; load average at start: {LoadAverage()}");
        Console.WriteLine($"simulated latencies: economy/standard models {a.CheapMs} ms, premium {a.CapableMs} ms, no failures; {a.Items} items per pipeline for latency (one at a time, one warm-up run each first), up to {a.CostItems} for cost");
        Console.WriteLine();

        string suffix = Guid.NewGuid().ToString("N")[..8];
        var samples = new List<(string Backend, PipelineSample Sample)>();
        var costs = new List<CostSample>();
        IReadOnlyList<string> pipelines = Selected(folder.Measured, a.Only);
        Dictionary<string, IReadOnlyList<EvalItem>> items = [];
        foreach (string pipeline in pipelines)
        {
            items[pipeline] = await PipelineItems.LoadAsync(folder.Repository, pipeline, a.Items, ct);
        }

        var backends = new List<string>();
        if (a.RunsInMemory)
        {
            backends.Add("in-memory");
        }

        if (a.RunsAzure)
        {
            backends.Add("Azurite");
        }

        AzuriteProcess? azurite = null;
        try
        {
            foreach (string backend in backends)
            {
                string? connection = null;
                if (backend == "Azurite")
                {
                    var clock = Stopwatch.StartNew();
                    azurite = await AzuriteProcess.StartNewAsync(inMemory: true, cancellationToken: ct);
                    connection = azurite.ConnectionString;
                    Console.WriteLine($"started Azurite (in-memory) in {clock.Elapsed.TotalSeconds:F1} s");
                }

                await using SelfHostedDurableHost host = await StartHostAsync(folder, connection, a, "BenchPipelines" + suffix);
                var runner = new PipelineRunner(backend, host);
                IReadOnlyList<string> valid = await ValidPipelinesAsync(host, pipelines);
                HashSet<string> reviewing = await ReviewingPipelinesAsync(host);

                var warm = Stopwatch.StartNew();
                foreach (string pipeline in valid)
                {
                    await runner.RunAsync(pipeline, items[pipeline][0].Input, reviewing.Contains(pipeline), ct);
                }

                Console.WriteLine($"warmed up {backend} ({valid.Count} pipelines) in {warm.Elapsed.TotalSeconds:F1} s");

                // Items one at a time (latency is per run, not under load); pipelines rotate within each round.
                for (int round = 0; round < a.Items; round++)
                {
                    foreach (string pipeline in valid.Skip(round % valid.Count).Concat(valid.Take(round % valid.Count)))
                    {
                        IReadOnlyList<EvalItem> list = items[pipeline];
                        samples.Add((backend, await runner.RunAsync(pipeline, list[round % list.Count].Input, reviewing.Contains(pipeline), ct)));
                    }
                }

                if (a.Breakdown)
                {
                    await PipelineBreakdown.PrintAsync(backend, host, samples.Where(s => s.Backend == backend).Select(s => s.Sample));
                }

                if (costs.Count == 0)
                {
                    // Cost does not depend on the backend: measured once, on more items, many at once.
                    var clock = Stopwatch.StartNew();
                    foreach (string pipeline in valid)
                    {
                        IReadOnlyList<EvalItem> costItems = await PipelineItems.LoadAsync(folder.Repository, pipeline, a.CostItems, ct);
                        costs.Add(await CostRun.MeasureAsync(runner, pipeline, [.. costItems.Select(i => i.Input)], reviewing.Contains(pipeline), ct));
                    }

                    Console.WriteLine($"measured cost on {backend} (up to {a.CostItems} items per pipeline, each also on the capable model alone) in {clock.Elapsed.TotalSeconds:F1} s");
                }
            }
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }

        PipelineTables.Print(samples, costs, backends, a);
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:F0} s (start-up included); load average at the end: {LoadAverage()}");
        return 0;
    }

    /// <summary>The measured pipelines, or those <c>--only</c> names (comma-separated), in the workload's order.</summary>
    private static IReadOnlyList<string> Selected(IReadOnlyList<string> measured, string? only)
    {
        if (only is null)
        {
            return measured;
        }

        string[] names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] unknown = [.. names.Where(n => !measured.Contains(n, StringComparer.Ordinal))];
        return unknown.Length == 0
            ? [.. measured.Where(names.Contains)]
            : throw new ArgumentException($"--only names no pipeline '{string.Join("', '", unknown)}'; the pipelines are {string.Join(", ", measured)}");
    }

    private static async Task<SelfHostedDurableHost> StartHostAsync(BenchPipelineFolder folder, string? connection, BenchArgs a, string hub)
    {
        var settings = new Dictionary<string, string?> { [PipelineServiceCollectionExtensions.FolderSettingName] = folder.Root };
        if (connection is not null)
        {
            settings[StorageConnection.FunctionsSettingName] = connection;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(folder.CatalogFile).AddInMemoryCollection(settings).Build();
        var options = connection is null
            ? new SelfHostedOptions { Backend = DurableBackend.InMemory, TaskHubName = hub, RecordHistory = a.Breakdown }
            : new SelfHostedOptions
            {
                Backend = DurableBackend.AzureStorage,
                Storage = StorageConnection.FromConnectionString(connection),
                TaskHubName = hub,
                PartitionCount = a.Partitions,
                MaxQueuePollingInterval = TimeSpan.FromMilliseconds(a.MaxQueuePollMs),
            };
        return await SelfHostedDurableHost.StartAsync(options, configuration);
    }

    private static async Task<IReadOnlyList<string>> ValidPipelinesAsync(SelfHostedDurableHost host, IReadOnlyList<string> pipelines)
    {
        IReadOnlyList<PipelineParseResult> loaded = await host.Services.GetRequiredService<PipelineLibrary>().LoadAsync();
        foreach (PipelineParseResult invalid in loaded.Where(r => !r.IsValid))
        {
            Console.WriteLine($"skipped {invalid.Document.Source}: {string.Join("; ", invalid.Errors)}");
        }

        var valid = loaded.Where(r => r.IsValid).Select(r => r.Definition!.Name).ToHashSet(StringComparer.Ordinal);
        return [.. pipelines.Where(valid.Contains)];
    }

    private static async Task<HashSet<string>> ReviewingPipelinesAsync(SelfHostedDurableHost host)
    {
        IReadOnlyList<PipelineParseResult> loaded = await host.Services.GetRequiredService<PipelineLibrary>().LoadAsync();
        return loaded.Where(r => r.Definition is not null && r.Definition.Stages.OfType<EnsembleStageDefinition>().Any(e => e.Threshold > 0))
            .Select(r => r.Definition!.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static string Usd(decimal value) => value.ToString(value < 1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
}
