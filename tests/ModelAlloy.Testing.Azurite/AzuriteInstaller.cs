using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ModelAlloy.Testing.Azurite;

/// <summary>
/// Makes sure the pinned Azurite is installed (<c>npm ci</c> at the repo root when <c>node_modules/azurite</c> is missing).
/// Test processes that start together serialize on a lock file so only one of them installs.
/// </summary>
public static class AzuriteInstaller
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>The path of Azurite's entry script under <paramref name="repoRoot"/>.</summary>
    public static string EntryScript(string repoRoot) =>
        Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>Installs Azurite if it is missing and returns the path of its entry script.</summary>
    public static async Task<string> EnsureInstalledAsync(string repoRoot, CancellationToken cancellationToken = default)
    {
        var script = EntryScript(repoRoot);
        if (File.Exists(script))
        {
            return script;
        }

        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await AcquireFileLockAsync(repoRoot, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(script))
            {
                await RunNpmCiAsync(repoRoot, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            InProcess.Release();
        }

        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"'npm ci' in '{repoRoot}' finished but '{script}' does not exist; check package.json pins azurite.");
    }

    private static async Task<FileStream> AcquireFileLockAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(repoRoot)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"modelalloy-npm-{hash}.lock");
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start 'npm'; install Node.js 20+ with npm, or set " + AzuriteFixture.ConnectionVariable + ".");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'npm ci' in '{repoRoot}' did not finish within {InstallTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' in '{repoRoot}' failed with exit code {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
