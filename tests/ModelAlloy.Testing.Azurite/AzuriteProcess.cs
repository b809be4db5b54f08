using System.Diagnostics;

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
    private const int FirstStartAttempts = 5;
    private const int RestartAttempts = 10;

    private readonly string _script;
    private readonly bool _ownsLocation;
    private readonly Queue<string> _recentOutput = new();
    private readonly HashSet<int> _listening = [];
    private readonly bool _inMemory;
    private readonly AzuriteTls? _tls;
    private Process? _process;

    private AzuriteProcess(string script, string location, bool ownsLocation, bool inMemory, AzuriteTls? tls)
    {
        _inMemory = inMemory;
        _tls = tls;
        _script = script;
        _ownsLocation = ownsLocation;
        Location = location;
        PickPorts();
    }

    /// <summary>The folder Azurite persists its data in.</summary>
    public string Location { get; }

    /// <summary>The blob service port on 127.0.0.1.</summary>
    public int BlobPort { get; private set; }

    /// <summary>The queue service port on 127.0.0.1.</summary>
    public int QueuePort { get; private set; }

    /// <summary>The table service port on 127.0.0.1.</summary>
    public int TablePort { get; private set; }

    /// <summary>True while the emulator process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A connection string for the three services.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol={Scheme};AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobServiceUri};QueueEndpoint={QueueServiceUri};TableEndpoint={TableServiceUri};";

    /// <summary>The blob service's URI (with the account path, as Azurite expects).</summary>
    public Uri BlobServiceUri => new($"{Scheme}://127.0.0.1:{BlobPort}/{AccountName}");

    /// <summary>The queue service's URI.</summary>
    public Uri QueueServiceUri => new($"{Scheme}://127.0.0.1:{QueuePort}/{AccountName}");

    /// <summary>The table service's URI.</summary>
    public Uri TableServiceUri => new($"{Scheme}://127.0.0.1:{TablePort}/{AccountName}");

    private string Scheme => _tls is null ? "http" : "https";

    /// <summary>
    /// Installs Azurite if needed and starts it. With <paramref name="location"/> the data survives the process (and
    /// this object); without it a temp folder is used and deleted on dispose. <paramref name="inMemory"/> keeps
    /// everything in memory (faster; benchmarks), so nothing survives a stop.
    /// </summary>
    /// <remarks>
    /// With <paramref name="tls"/> the services speak HTTPS with that certificate and accept OAuth bearer tokens
    /// (Azurite's basic check: issuer, audience and lifetime, no signature), as identity-based connections need.
    /// </remarks>
    public static async Task<AzuriteProcess> StartNewAsync(string? location = null, CancellationToken cancellationToken = default, bool inMemory = false, AzuriteTls? tls = null)
    {
        var root = RepositoryRoot.Find();
        var script = await AzuriteInstaller.EnsureInstalledAsync(root, cancellationToken).ConfigureAwait(false);
        var owns = location is null;
        location ??= Path.Combine(Path.GetTempPath(), "modelalloy-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(location);
        var azurite = new AzuriteProcess(script, location, owns, inMemory, tls);
        try
        {
            // A first start may move to other ports: nobody holds the connection string yet.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await azurite.StartOnceAsync(cancellationToken).ConfigureAwait(false);
                    return azurite;
                }
                catch (AzuritePortInUseException) when (attempt < FirstStartAttempts)
                {
                    azurite.PickPorts();
                }
            }
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts the emulator (again) on the same ports and location and waits until all three services listen. A port
    /// still held by someone else is retried for a few seconds (the connection string must not change).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AzuritePortInUseException) when (attempt < RestartAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StartOnceAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        lock (_recentOutput)
        {
            _recentOutput.Clear();
            _listening.Clear();
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
        }.Concat(_tls is { } tls ? ["--oauth", "basic", "--cert", tls.CertificatePemPath, "--key", tls.KeyPemPath] : []))
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
        // Azurite prints "successfully listening at http://127.0.0.1:{port}" once each service has bound its port;
        // waiting for those lines (not for a connect) cannot mistake another process on the port for Azurite.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!AllListening())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                process.WaitForExit(); // Drains the redirected output so RecentOutput is complete.
                _process = null;
                var output = RecentOutput();
                var why = DateTime.UtcNow > deadline ? $"did not listen within {StartTimeout}" : $"exited with code {process.ExitCode}";
                var message = $"Azurite {why} (ports {BlobPort}/{QueuePort}/{TablePort}, location '{Location}'). Output: {output}";
                process.Dispose();
                throw output.Contains("EADDRINUSE", StringComparison.Ordinal)
                    ? new AzuritePortInUseException(message)
                    : new InvalidOperationException(message);
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool AllListening()
    {
        lock (_recentOutput)
        {
            return _listening.Contains(BlobPort) && _listening.Contains(QueuePort) && _listening.Contains(TablePort);
        }
    }

    private static bool SendTerminate(int pid) => !OperatingSystem.IsWindows() && NativeMethods.Kill(pid, NativeMethods.SigTerm) == 0;

    private void PickPorts() => (BlobPort, QueuePort, TablePort) = (LoopbackPorts.Next(), LoopbackPorts.Next(), LoopbackPorts.Next());

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_recentOutput)
        {
            foreach (var port in new[] { BlobPort, QueuePort, TablePort })
            {
                if (line.Contains($"successfully listening at {Scheme}://127.0.0.1:{port}", StringComparison.Ordinal))
                {
                    _listening.Add(port);
                }
            }

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
