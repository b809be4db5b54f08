using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ModelAlloy.Functions.Tests.Publishing;

/// <summary>
/// The Functions app published once (<c>dotnet publish</c>, the configuration these tests were built in) into a
/// temporary folder, deleted afterwards. Slow (the Worker SDK builds its WorkerExtensions project), so one per class.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "modelalloy-functions-" + Guid.NewGuid().ToString("N"));

    public string Log { get; private set; } = string.Empty;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public async Task InitializeAsync()
    {
        string configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string project = Path.Combine(RepositoryRoot, "src", "ModelAlloy.Functions", "ModelAlloy.Functions.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", configuration, "-o", Directory, "--nologo", "--disable-build-servers", "-v:minimal" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };

        // The test host runs under `dotnet test`, whose MSBuild variables would point the child at the parent's build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishTimeout}:{Environment.NewLine}{output}");
        }

        process.WaitForExit(); // drains the redirected output
        Log = output.ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:{Environment.NewLine}{Log}");
        }
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelAlloy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ModelAlloy.sln not found above {AppContext.BaseDirectory}");
    }
}
