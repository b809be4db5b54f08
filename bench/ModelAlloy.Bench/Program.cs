using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelAlloy.Bench;
using ModelAlloy.Durable;
using ModelAlloy.Durable.Worker;

// Usage: dotnet run -c Release --project bench/ModelAlloy.Bench -- [--backend inmemory|azure] [--only "chain 20"] [--repeat 3] [--cache 0] [--requests]
// --cache 0 turns the orchestration session cache off, so every episode replays its whole history.
// --requests (azure) also prints the storage requests per activity by operation (queue send, table batch, ...).
var backend = Arg("--backend") ?? "inmemory";
var only = Arg("--only");
var repeat = int.Parse(Arg("--repeat") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
var cacheSize = Arg("--cache") is { } cache ? int.Parse(cache, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;

var services = new ServiceCollection();
services.AddLogging(b => b.AddFilter(_ => false));
Func<Task> cleanup = () => Task.CompletedTask;
services.AddDurableTask(b =>
{
    cleanup = BenchBackends.Configure(backend, b);
    b.AddTasks(Workloads.Register);
    if (cacheSize is { } size)
    {
        b.ConfigureWorker(o => o.OrchestrationCacheSize = size);
    }
});
await using var provider = services.BuildServiceProvider();
var worker = provider.GetRequiredService<DurableTaskWorker>();
using var stop = new CancellationTokenSource();
await ((IHostedService)worker).StartAsync(stop.Token);
var runner = new BenchRunner(provider.GetRequiredService<DurableTaskClient>());

try
{
    var workloads = Workloads.All.Where(w => only is null || w.Name.Equals(only, StringComparison.OrdinalIgnoreCase)).ToList();
    Console.WriteLine($"backend={backend} cores={Environment.ProcessorCount} cache={cacheSize?.ToString() ?? "default"} repeat={repeat} (best and median of the repeats; one warm-up run first)");
    await runner.RunAsync(Workloads.All[0], stop.Token); // JIT and pool warm-up
    var counted = backend == "azure";
    Console.WriteLine($"{"workload",-28} {"best ms",9} {"median ms",10} {"activities/s",13}" + (counted ? $" {"requests/activity",18} {"w/o status polls",17}" : ""));
    var results = new Dictionary<string, double>();
    foreach (var workload in workloads)
    {
        var runs = new List<BenchResult>();
        if (counted)
        {
            await AzureStorageBench.WaitUntilQuietAsync(); // the previous workload's last deletes are not this one's
        }

        AzureStorageBench.Requests.Reset();
        for (var i = 0; i < repeat; i++)
        {
            runs.Add(await runner.RunAsync(workload, stop.Token));
        }

        // Requests over all repeats, per activity; the second figure leaves out the client's completion polling.
        var activities = (double)workload.Activities * repeat;
        var requests = AzureStorageBench.Requests;
        var perActivity = counted ? $" {requests.Total / activities,18:F2} {(requests.Total - requests.ClientStatusReads) / activities,17:F2}" : "";

        var ordered = runs.OrderBy(r => r.Elapsed).ToList();
        var best = ordered[0];
        var median = ordered[ordered.Count / 2];
        results[workload.Name] = median.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{workload.Name,-28} {best.Elapsed.TotalMilliseconds,9:F1} {median.Elapsed.TotalMilliseconds,10:F1} {median.ActivitiesPerSecond,13:F0}{perActivity}");
        if (counted && args.Contains("--requests"))
        {
            Console.WriteLine("    per activity: " + string.Join(", ", requests.ByOperation.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value / activities:F2}")));
        }
    }

    if (results.TryGetValue("chain 1000", out var c1000) && results.TryGetValue("chain 100", out var c100))
    {
        Console.WriteLine($"ratio chain 1000 / chain 100 = {c1000 / c100:F1}x (10x is linear; quadratic replay would be ~100x)");
    }
}
finally
{
    stop.Cancel();
    await ((IHostedService)worker).StopAsync(CancellationToken.None);
    await cleanup();
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
