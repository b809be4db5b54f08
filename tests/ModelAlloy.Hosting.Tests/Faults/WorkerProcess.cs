using System.Collections.Concurrent;
using System.Diagnostics;

namespace ModelAlloy.Hosting.Tests.Faults;

/// <summary>A TestWorker process on a task hub: started, watched, and SIGKILLed like a crashed host.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly string WorkerDll = Path.Combine(AppContext.BaseDirectory, "ModelAlloy.Hosting.TestWorker.dll");
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is "READY")
            {
                _ready.TrySetResult();
            }
            else if (e.Data is not null)
            {
                Log.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Log.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the worker printed but READY.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Starts a worker; with <paramref name="pipelinesFolder"/> it also runs the pipelines in that folder.</summary>
    public static async Task<WorkerProcess> StartAsync(string connection, string hub, int latencyMs, string? pipelinesFolder = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = [WorkerDll, connection, hub, latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture), .. pipelinesFolder is null ? [] : new[] { pipelinesFolder }];
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var worker = new WorkerProcess(Process.Start(start)!);
        await Task.WhenAny(worker._ready.Task, worker._process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(worker._ready.Task.IsCompleted, "the worker exited before READY: " + string.Join("\n", worker.Log));
        return worker;
    }

    /// <summary>SIGKILL: no shutdown code runs; leases and invisible messages are simply abandoned.</summary>
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
