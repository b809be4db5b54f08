using System.Collections.Concurrent;
using System.Diagnostics;

namespace ModelAlloy.Durable.AzureStorage.Tests.Faults;

/// <summary>A TestWorker process on a task hub: started, watched (its "RAN" lines), and SIGKILLed like a crashed host.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly string WorkerDll = Path.Combine(AppContext.BaseDirectory, "ModelAlloy.Durable.AzureStorage.TestWorker.dll");
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, ConcurrentBag<string> ran)
    {
        _process = process;
        Ran = ran;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is "READY")
            {
                _ready.TrySetResult();
            }
            else if (e.Data?.StartsWith("RAN ", StringComparison.Ordinal) == true)
            {
                Ran.Add(e.Data[4..]);
            }
            else if (e.Data is not null)
            {
                Log.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>"instance:task" of every activity this process ran.</summary>
    public ConcurrentBag<string> Ran { get; }

    public int Id => _process.Id;

    /// <summary>Completes when the process has exited (killed by the test, or by its own crash point).</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>Everything else the worker printed (warnings and errors: conflicts, lost partitions; partitions acquired).</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>True once the worker has acquired a control-queue partition (it then runs orchestration episodes).</summary>
    public bool OwnsPartition => Log.Any(line => line.Contains(" acquired partition ", StringComparison.Ordinal));

    /// <summary>Waits (bounded) until the worker owns a partition; false if it did not within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitUntilOwnsPartitionAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!OwnsPartition && DateTime.UtcNow < deadline && !_process.HasExited)
        {
            await Task.Delay(25);
        }

        return OwnsPartition;
    }

    public static async Task<WorkerProcess> StartAsync(string connection, string hub, ConcurrentBag<string>? ran = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var arg in new[] { WorkerDll, connection, hub })
        {
            start.ArgumentList.Add(arg);
        }

        var worker = new WorkerProcess(Process.Start(start)!, ran ?? []);
        await worker._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>SIGKILL: no shutdown code runs, leases and invisible messages are simply abandoned.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
