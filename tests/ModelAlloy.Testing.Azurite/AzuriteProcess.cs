using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ModelAlloy.Testing.Azurite;

/// <summary>
/// One Azurite process (blob, queue and table) on loopback ports chosen once, with its data in <see cref="Location"/>.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> keep the ports and the data, so a test can restart the emulator
/// mid-run and the same connection string keeps working.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The well-known development account key that Azurite accepts.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _script;
    private readonly bool _ownsLocation;
    private readonly Queue<string> _recentOutput = new();
    private Process? _process;

    private readonly bool _inMemory;

    private AzuriteProcess(string script, string location, bool ownsLocation, bool inMemory)
    {
        _inMemory = inMemory;
        _script = script;
        _ownsLocation = ownsLocation;
        Location = location;
        (BlobPort, QueuePort, TablePort) = (FreePort(), FreePort(), FreePort());
    }

    /// <summary>The folder Azurite persists its data in.</summary>
    public string Location { get; }

    /// <summary>The blob service port on 127.0.0.1.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service port on 127.0.0.1.</summary>
    public int QueuePort { get; }

    /// <summary>The table service port on 127.0.0.1.</summary>
    public int TablePort { get; }

    /// <summary>True while the emulator process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A connection string for the three services.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>
    /// Installs Azurite if needed and starts it. With <paramref name="location"/> the data survives the process (and
    /// this object); without it a temp folder is used and deleted on dispose. <paramref name="inMemory"/> keeps
    /// everything in memory (faster; benchmarks), so nothing survives a stop.
    /// </summary>
    public static async Task<AzuriteProcess> StartNewAsync(string? location = null, CancellationToken cancellationToken = default, bool inMemory = false)
    {
        var root = RepositoryRoot.Find();
        var script = await AzuriteInstaller.EnsureInstalledAsync(root, cancellationToken).ConfigureAwait(false);
        var owns = location is null;
        location ??= Path.Combine(Path.GetTempPath(), "modelalloy-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(location);
        var azurite = new AzuriteProcess(script, location, owns, inMemory);
        try
        {
            await azurite.StartAsync(cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the emulator (again) on the same ports and location and waits until all three services accept connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            _script, _inMemory ? "--inMemoryPersistence" : "--location", _inMemory ? "--silent" : Location, "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start 'node'; install Node.js 20+.");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilListeningAsync(process, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the emulator; data in <see cref="Location"/> stays. A graceful stop (SIGTERM) lets Azurite flush its metadata,
    /// which it otherwise saves only every 5 s; <paramref name="graceful"/> false kills the process tree at once.
    /// </summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            if (graceful && !process.HasExited && SendTerminate(process.Id))
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Did not shut down in time; killed below.
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process already exited and was reaped.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Stops the emulator and deletes the temp location if this object created it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: !_ownsLocation).ConfigureAwait(false);
        if (_ownsLocation)
        {
            try
            {
                Directory.Delete(Location, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }

    private async Task WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsAsync(port, cancellationToken).ConfigureAwait(false))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen within {StartTimeout}";
                    throw new InvalidOperationException($"Azurite {why} (port {port}, location '{Location}'). Output: {RecentOutput()}");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool SendTerminate(int pid) => !OperatingSystem.IsWindows() && NativeMethods.Kill(pid, NativeMethods.SigTerm) == 0;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            if (_recentOutput.Count > 20)
            {
                _recentOutput.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (_recentOutput)
        {
            return string.Join(Environment.NewLine, _recentOutput);
        }
    }
}
