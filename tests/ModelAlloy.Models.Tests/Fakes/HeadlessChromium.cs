using System.Diagnostics;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>
/// Debian's Chromium, headless, for page tests: the DOM after the page's scripts ran, and a screenshot. Each run gets a
/// fresh profile and no network features, so nothing but the file itself is loaded.
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>Gets the browser executable (CHROMIUM_PATH, else the Debian locations).</summary>
    public static string Executable =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH") }.Concat(Candidates).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (.ci/run installs it when missing), or set CHROMIUM_PATH.");

    /// <summary>Loads <paramref name="htmlFile"/> and returns the serialized DOM once its scripts ran.</summary>
    public static async Task<string> DumpDomAsync(string htmlFile, CancellationToken cancellationToken) =>
        await RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri], cancellationToken).ConfigureAwait(false);

    /// <summary>Loads <paramref name="htmlFile"/> in a 1280 x 2000 window and writes a PNG screenshot.</summary>
    public static async Task ScreenshotAsync(string htmlFile, string pngFile, CancellationToken cancellationToken)
    {
        File.Delete(pngFile);
        await RunAsync(["--hide-scrollbars", "--window-size=1280,2000", $"--screenshot={pngFile}", new Uri(htmlFile).AbsoluteUri], cancellationToken).ConfigureAwait(false);
        if (!File.Exists(pngFile))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot to {pngFile}");
        }
    }

    private static async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        string profile = Directory.CreateTempSubdirectory("alloy-chromium-").FullName;
        string[] flags =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
        ];
        var start = new ProcessStartInfo(Executable, [.. flags, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return process.ExitCode == 0
                ? await output.ConfigureAwait(false)
                : throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await error.ConfigureAwait(false)}");
        }
        finally
        {
            DeleteProfile(profile);
        }
    }

    // Chromium's helper processes may still hold the profile for a moment after the browser exits; a profile left in
    // the temp folder is harmless, a test failing on it would not be.
    private static void DeleteProfile(string profile)
    {
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
