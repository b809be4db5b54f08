using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Bench;
using ModelAlloy.Hosting;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Testing.Azurite;

// Orchestration benches (see README.md next to this file):
//   overhead: per-model-call orchestration overhead of the self-hosted worker (wall time minus model time, per call).
//   engine:   fan-out/fan-in and chain through the sidecar, and on DTFx's own TaskHubWorker on the same Azurite.
//   pipelines: every example pipeline on simulated models: latency vs critical path, cost vs one capable model.
BenchArgs a;
try
{
    a = BenchArgs.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var total = Stopwatch.StartNew();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
CancellationToken ct = stop.Token;
if (a.RunsPipelines)
{
    try
    {
        return await ModelAlloy.Bench.Pipelines.PipelineBench.RunAsync(a, args, ct);
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }
}

string suffix = Guid.NewGuid().ToString("N")[..8];
TimeSpan poll = TimeSpan.FromMilliseconds(a.PollMs);
var engines = new List<IEngine>();
var logFactories = new List<ILoggerFactory>();
AzuriteProcess? azurite = null;
try
{
    // Tuning shared by every DTFx service in the run; the TaskHubWorker's settings are derived from the same object.
    // Leases stay at the self-hosted defaults: shorter ones were lost under load on a busy 2-core machine (the partition
    // manager's table operations time out after the renew interval), stalling whichever engine lost its partition.
    EngineWork.DelayMs = a.ActivityMs;
    var tuning = new SelfHostedOptions
    {
        PartitionCount = a.Partitions,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(a.MaxQueuePollMs),
    };
    Console.WriteLine($"# ModelAlloy.Bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
    Console.WriteLine();
    Console.WriteLine($"args: {(args.Length == 0 ? "(defaults)" : string.Join(' ', args))}; load average at start: {LoadAverage()}");
    Console.WriteLine($"Azure Storage tuning, identical for the sidecar's service and the TaskHubWorker's: PartitionCount {tuning.PartitionCount}, " +
        $"MaxQueuePollingInterval {tuning.MaxQueuePollingInterval.TotalMilliseconds} ms, {tuning.MaxConcurrentActivities} activities / {tuning.MaxConcurrentOrchestrations} orchestrations at once, " +
        $"leases {tuning.LeaseInterval.TotalSeconds} s renewed every {tuning.LeaseRenewInterval.TotalSeconds} s, visibility {tuning.MessageVisibilityTimeout.TotalSeconds} s, " +
        $"{(new DurableTask.AzureStorage.AzureStorageOrchestrationServiceSettings().UseTablePartitionManagement ? "table" : "blob")} partition manager (DTFx default)");

    SidecarEngine? memory = null;
    SidecarEngine? azure = null;
    DtfxEngine? dtfx = null;
    if (a.RunsInMemory)
    {
        memory = await Started("sidecar, in-memory", () => SidecarEngine.StartAsync("sidecar in-memory", new SelfHostedOptions
        {
            Backend = DurableBackend.InMemory,
            TaskHubName = "BenchMem" + suffix,
            RecordHistory = true, // DTFx in-memory returns no history; the breakdown reads the sidecar's record
            MaxConcurrentActivities = tuning.MaxConcurrentActivities,
            MaxConcurrentOrchestrations = tuning.MaxConcurrentOrchestrations,
        }, SdkWorkloads.Catalog(a.LatencyMs, storageConnection: null), Logs("sidecar in-memory")));
    }

    if (a.RunsAzure)
    {
        azurite = await Started("Azurite (in-memory)", () => AzuriteProcess.StartNewAsync(inMemory: true, cancellationToken: ct));
        string connection = azurite.ConnectionString;
        var sidecarOptions = new SelfHostedOptions
        {
            Backend = DurableBackend.AzureStorage,
            Storage = StorageConnection.FromConnectionString(connection),
            TaskHubName = "BenchSidecar" + suffix,
            PartitionCount = tuning.PartitionCount,
            MaxQueuePollingInterval = tuning.MaxQueuePollingInterval,
            LeaseInterval = tuning.LeaseInterval,
            LeaseRenewInterval = tuning.LeaseRenewInterval,
        };
        azure = await Started("sidecar, Azurite", () => SidecarEngine.StartAsync("sidecar Azurite", sidecarOptions, SdkWorkloads.Catalog(a.LatencyMs, connection), Logs("sidecar Azurite")));
        if (a.RunsEngine)
        {
            dtfx = await Started("DTFx TaskHubWorker, Azurite", () => DtfxEngine.StartAsync(
                "DTFx TaskHubWorker Azurite", DtfxEngine.SettingsLikeTheSidecar(sidecarOptions, connection, "BenchDtfx" + suffix), Logs("DTFx")));
        }
    }

    // Warm-up: JIT, connections, and every control-queue partition owned (an instance on a partition whose lease is not
    // yet acquired waits for it): 8 small instances per partition at once, so each partition is hit with near certainty.
    var warmUp = new EngineWorkload("warm-up chain 2", false, 2);
    await Task.WhenAll(engines.Select(async engine =>
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8 * a.Partitions).Select(_ => engine.RunAsync(warmUp, poll, ct)));
        Console.WriteLine($"warmed up {engine.Name} ({8 * a.Partitions} instances of chain 2 at once) in {clock.Elapsed.TotalSeconds:F1} s");
    }));

    Console.WriteLine();
    if (a.RunsOverhead)
    {
        await OverheadAsync([.. new[] { memory, azure }.OfType<SidecarEngine>()]);
    }

    if (a.RunsEngine)
    {
        await EngineAsync([.. new IEngine?[] { memory, azure, dtfx }.OfType<IEngine>()], tuning);
    }

    Console.WriteLine($"total {total.Elapsed.TotalSeconds:F0} s (start-up included); load average at the end: {LoadAverage()}");
    return 0;
}
finally
{
    foreach (IEngine engine in Enumerable.Reverse(engines))
    {
        await engine.DisposeAsync();
    }

    if (azurite is not null)
    {
        await azurite.DisposeAsync();
    }

    foreach (ILoggerFactory factory in logFactories)
    {
        factory.Dispose();
    }
}

// With --log, each engine's logs go to the console prefixed with the engine and the time since the start.
ILoggerFactory Logs(string engine)
{
    if (a.LogLevel is not { } level)
    {
        return NullLoggerFactory.Instance;
    }

    ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(new PrefixedConsoleLoggerProvider(engine, total)).SetMinimumLevel(level));
    logFactories.Add(factory);
    return factory;
}

async Task<T> Started<T>(string what, Func<Task<T>> start)
{
    var clock = Stopwatch.StartNew();
    T started = await start();
    if (started is IEngine engine)
    {
        engines.Add(engine);
    }

    Console.WriteLine($"started {what} in {clock.Elapsed.TotalSeconds:F1} s");
    return started;
}

async Task OverheadAsync(IReadOnlyList<SidecarEngine> sidecars)
{
    int repeat = a.Repeat ?? 10;
    var overheads = sidecars.ToDictionary(s => s, _ => new List<double>());
    var walls = sidecars.ToDictionary(s => s, _ => new List<double>());
    var models = sidecars.ToDictionary(s => s, _ => new List<double>());
    var ids = sidecars.ToDictionary(s => s, _ => new List<string>());
    foreach (SidecarEngine sidecar in sidecars)
    {
        await RunChainAsync(sidecar); // warm-up: JIT, connections, leases
    }

    for (int round = 0; round < repeat; round++)
    {
        foreach (SidecarEngine sidecar in Rotated(sidecars, round))
        {
            (string id, double wall, double model) = await RunChainAsync(sidecar);
            ids[sidecar].Add(id);
            walls[sidecar].Add(wall);
            models[sidecar].Add(model);
            overheads[sidecar].Add((wall - model) / a.Calls);
        }
    }

    Console.WriteLine($"## Per-model-call orchestration overhead: chain of {a.Calls} calls, simulated model {a.LatencyMs} ms, {repeat} runs per backend (alternated)");
    Console.WriteLine();
    Console.WriteLine("| backend | runs | wall per run, mean (ms) | model time per run, mean (ms) | overhead per call p50 (ms) | p95 (ms) | mean (ms) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (SidecarEngine sidecar in sidecars)
    {
        var o = new Stats(overheads[sidecar]);
        Console.WriteLine($"| {sidecar.Name} | {o.Count} | {Stats.Ms(walls[sidecar].Average())} | {Stats.Ms(models[sidecar].Average())} | {Stats.Ms(o.P50)} | {Stats.Ms(o.P95)} | {Stats.Ms(o.Mean)} |");
    }

    Console.WriteLine();
    Console.WriteLine("overhead per call = (wall − model time) / calls, per run; wall = schedule → the SDK client's WaitForInstanceCompletionAsync returns;");
    Console.WriteLine("model time = the attempts' latencies as the gateway measured them around the provider call. A call that succeeds first time is one activity");
    Console.WriteLine("(plan and attempt together) with a ledger row + cooldown check (in memory on in-memory, Azurite tables on Azurite).");
    Console.WriteLine("p95: nearest rank (below 20 runs, the slowest run).");
    Console.WriteLine();
    await BreakdownAsync("model chain", sidecars.Select(s => ((IEngine)s, (IReadOnlyList<string>)ids[s])));
}

// Where each step's time goes, averaged over every activity of the measured runs (see Breakdown).
async Task BreakdownAsync(string run, IEnumerable<(IEngine Engine, IReadOnlyList<string> Ids)> runs)
{
    Console.WriteLine($"Where a step's time goes ({run}, mean over every activity of the measured runs, from DTFx history timestamps):");
    Console.WriteLine();
    Console.WriteLine("| engine | activity | steps | episode start → scheduled (ms) | scheduled → activity done (ms) | done → next episode (ms) | step (ms) |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
    foreach ((IEngine engine, IReadOnlyList<string> instanceIds) in runs)
    {
        var steps = new List<Breakdown.Step>();
        foreach (string id in instanceIds)
        {
            steps.AddRange(Breakdown.Steps(await engine.GetHistoryAsync(id)));
        }

        foreach (IGrouping<string, Breakdown.Step> activity in steps.GroupBy(s => s.Activity))
        {
            string name = activity.Key[(activity.Key.LastIndexOfAny(['.', '+']) + 1)..];
            Console.WriteLine($"| {engine.Name} | {name} | {activity.Count()} | {Stats.Ms(activity.Average(s => s.TurnMs))} | {Stats.Ms(activity.Average(s => s.OutMs))} | {Stats.Ms(activity.Average(s => s.BackMs))} | {Stats.Ms(activity.Average(s => s.TotalMs))} |");
        }
    }

    Console.WriteLine();
}

async Task<(string Id, double WallMs, double ModelMs)> RunChainAsync(SidecarEngine sidecar)
{
    var clock = Stopwatch.StartNew();
    string id = await sidecar.Client.ScheduleNewOrchestrationInstanceAsync(SdkWorkloads.ModelChain, a.Calls, ct);
    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
    timeout.CancelAfter(TimeSpan.FromMinutes(2));
    OrchestrationMetadata done = await sidecar.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    double wall = clock.Elapsed.TotalMilliseconds;
    ModelChainResult? result = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? done.ReadOutputAs<ModelChainResult>() : null;
    if (result is null || result.Calls != a.Calls || result.Attempts != a.Calls)
    {
        throw new InvalidOperationException($"model chain {id} on {sidecar.Name} ended {done.RuntimeStatus}: {done.FailureDetails?.ToString() ?? done.SerializedOutput}");
    }

    return (id, wall, result.ModelMs);
}

async Task EngineAsync(IReadOnlyList<IEngine> all, SelfHostedOptions tuning)
{
    int repeat = a.Repeat ?? 8;
    EngineWorkload[] workloads = [.. new[] { new EngineWorkload($"fan-out/fan-in {a.FanOut}", true, a.FanOut), new EngineWorkload($"chain {a.Chain}", false, a.Chain) }
        .Where(w => a.Only is null || w.Name.Equals(a.Only, StringComparison.OrdinalIgnoreCase))];
    if (workloads.Length == 0)
    {
        throw new ArgumentException($"--only '{a.Only}' names no workload: fan-out/fan-in {a.FanOut}, chain {a.Chain}");
    }

    var samples = workloads.ToDictionary(w => w, _ => all.ToDictionary(e => e, _ => new List<EngineSample>()));
    foreach (EngineWorkload workload in workloads)
    {
        foreach (IEngine engine in all)
        {
            await engine.RunAsync(workload, poll, ct); // warm-up
        }
    }

    // Rounds alternate engines (rotated start) and workloads, so drift and other load on the machine hit every engine.
    for (int round = 0; round < repeat; round++)
    {
        foreach (EngineWorkload workload in Rotated(workloads, round))
        {
            foreach (IEngine engine in Rotated(all, round))
            {
                samples[workload][engine].Add(await engine.RunAsync(workload, poll, ct));
            }
        }
    }

    Console.WriteLine($"## Engine workloads: sidecar vs DTFx TaskHubWorker, {repeat} alternated rounds");
    Console.WriteLine();
    Console.WriteLine("| workload | engine | runs | mean (ms) | p50 (ms) | min (ms) | max (ms) | SDK client's own wait, p50 (ms) |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
    foreach (EngineWorkload workload in workloads)
    {
        foreach (IEngine engine in all)
        {
            List<EngineSample> runs = samples[workload][engine];
            var polled = new Stats(runs.Select(r => r.Polled.TotalMilliseconds));
            string own = runs.All(r => r.OwnWait is not null) ? Stats.Ms(new Stats(runs.Select(r => r.OwnWait!.Value.TotalMilliseconds)).P50) : "—";
            Console.WriteLine($"| {workload.Name} | {engine.Name} | {polled.Count} | {Stats.Ms(polled.Mean)} | {Stats.Ms(polled.P50)} | {Stats.Ms(polled.Min)} | {Stats.Ms(polled.Max)} | {own} |");
        }
    }

    Console.WriteLine();
    if (a.ActivityMs > 0 && workloads.FirstOrDefault(w => !w.IsFanOut) is { } worked)
    {
        // The floor of a chain of steps that each do this much work: what every orchestration on the backend pays.
        double work = (double)worked.Size * a.ActivityMs;
        Console.WriteLine($"Overhead of {worked.Name} over its {Stats.Ms(work)} ms of work ({worked.Size} activities of {a.ActivityMs} ms), p50:");
        Console.WriteLine();
        Console.WriteLine("| engine | p50 (ms) | overhead (ms) | overhead (%) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (IEngine engine in all)
        {
            double p50 = new Stats(samples[worked][engine].Select(r => r.Polled.TotalMilliseconds)).P50;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {engine.Name} | {Stats.Ms(p50)} | {Stats.Ms(p50 - work)} | {(p50 - work) / work:P1} |"));
        }

        Console.WriteLine();
    }

    if (a.LogLevel is not null)
    {
        // Runs over 3× their engine's p50, episode by episode.
        foreach (EngineWorkload workload in workloads)
        {
            foreach (IEngine engine in all)
            {
                List<EngineSample> runs = samples[workload][engine];
                double p50 = new Stats(runs.Select(r => r.Polled.TotalMilliseconds)).P50;
                foreach (EngineSample slow in runs.Where(r => r.Polled.TotalMilliseconds > 3 * p50))
                {
                    Console.WriteLine($"slow run: {workload.Name} on {engine.Name}, {Stats.Ms(slow.Polled.TotalMilliseconds)} ms (p50 {Stats.Ms(p50)}), {slow.InstanceId}");
                    Console.Write(Breakdown.Timeline(await engine.GetHistoryAsync(slow.InstanceId)));
                }
            }
        }

        Console.WriteLine();
    }

    IEngine? sidecarAzure = all.FirstOrDefault(e => e is SidecarEngine && e.Name.Contains("Azurite", StringComparison.Ordinal));
    IEngine? dtfx = all.FirstOrDefault(e => e is DtfxEngine);
    if (sidecarAzure is not null && dtfx is not null)
    {
        Console.WriteLine("| workload (Azurite) | sidecar / DTFx, mean | sidecar / DTFx, p50 |");
        Console.WriteLine("|---|---:|---:|");
        foreach (EngineWorkload workload in workloads)
        {
            var s = new Stats(samples[workload][sidecarAzure].Select(r => r.Polled.TotalMilliseconds));
            var d = new Stats(samples[workload][dtfx].Select(r => r.Polled.TotalMilliseconds));
            Console.WriteLine($"| {workload.Name} | {Stats.Ratio(s.Mean / d.Mean)} | {Stats.Ratio(s.P50 / d.P50)} |");
        }

        Console.WriteLine();
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        Times: schedule → completion seen by polling the instance's state every {a.PollMs} ms on every engine (SDK client GetInstanceAsync
        through the sidecar; TaskHubClient.GetOrchestrationStateAsync on DTFx), not DTFx Azure Storage's own wait (polls every 2 s).
        The last column is the SDK client's WaitForInstanceCompletionAsync in the same runs (woken by the sidecar's local commit).
        Both Azure Storage services are tuned identically (header), on separate task hubs of one Azurite, both running throughout
        (the idle one polling its queues). Activities return input + 1{(a.ActivityMs > 0 ? $" after {a.ActivityMs} ms" : string.Empty)}. Ratio < 1: the sidecar is faster.
        """));
    Console.WriteLine();
    if (workloads.FirstOrDefault(w => !w.IsFanOut) is { } chain)
    {
        await BreakdownAsync(chain.Name, all.Select(e => (e, (IReadOnlyList<string>)[.. samples[chain][e].Select(r => r.InstanceId)])));
    }
}

// Other work on the machine is noise every engine shares (rounds alternate); the load average says how much there was.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static IEnumerable<T> Rotated<T>(IReadOnlyList<T> items, int by) => items.Skip(by % items.Count).Concat(items.Take(by % items.Count));
