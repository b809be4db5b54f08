using System.Diagnostics;
using System.Text;

namespace ModelAlloy.Batches.Tests.Fakes;

/// <summary>The real <c>alloy</c> CLI as a child process (<c>dotnet alloy.dll ...</c>, built by the project reference), its output captured.</summary>
public sealed class AlloyProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AlloyProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static string AlloyDll
    {
        get
        {
            // tests/ModelAlloy.Batches.Tests/bin/<Configuration>/net10.0 -> src/ModelAlloy.Cli/bin/<Configuration>/net10.0/alloy.dll
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = here.Parent!.Name, framework = here.Name;
            string dll = Path.Combine(RepositoryRoot.Find(), "src", "ModelAlloy.Cli", "bin", configuration, framework, "alloy.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/ModelAlloy.Cli first: {dll} is missing", dll);
        }
    }

    public static AlloyProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AlloyDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var alloy = new AlloyProcess(process);
        process.OutputDataReceived += (_, e) => alloy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => alloy.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return alloy;
    }

    /// <summary>SIGKILL (on Linux, <see cref="Process.Kill(bool)"/> sends it): no handler runs, nothing is flushed.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
