using System.Diagnostics;

namespace ModelAlloy.Cli.Tests.Commands;

/// <summary>The real <c>alloy</c> process with its stdout redirected to a pipe: plain text, real exit codes, Ctrl+C.</summary>
public sealed class ProcessOutputTests
{
    [Fact]
    public async Task Redirected_run_is_plain_text_without_escapes_and_exits_0()
    {
        (int exitCode, string output, string error) = await RunAsync(["run", "support-triage", "--input", "The app shows an error on startup"], signalWhen: null);

        Assert.True(exitCode == 0, $"{exitCode}\n{output}\n{error}");
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("Completed support-triage", output);
        Assert.Contains("| triage ", output);
        Assert.Contains("SIMULATED", output);
    }

    [Fact]
    public async Task Unknown_command_in_a_real_process_is_exit_code_2_with_one_line_and_the_usage()
    {
        (int exitCode, string output, string error) = await RunAsync(["frobnicate"], signalWhen: null);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("alloy: Unrecognized command or argument 'frobnicate'.\nUsage:\n  alloy [command] [options]\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Ctrl_C_during_the_demo_stops_it_with_exit_code_130()
    {
        (int exitCode, _, string error) = await RunAsync(["demo"], signalWhen: "Running support-triage");

        Assert.Equal(130, exitCode);
        Assert.DoesNotContain("   at ", error);
    }

    // Runs alloy.dll (next to the tests) with stdout and stderr on pipes; optionally sends SIGINT once stdout shows a text.
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? signalWhen)
    {
        CancellationToken deadline = TestTimeout.Token(300);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "alloy.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        try
        {
            Task<string> error = process.StandardError.ReadToEndAsync(deadline);
            var output = new System.Text.StringBuilder();
            while (await process.StandardOutput.ReadLineAsync(deadline) is { } line)
            {
                output.AppendLine(line);
                if (signalWhen is not null && line.Contains(signalWhen, StringComparison.Ordinal))
                {
                    using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                    await kill.WaitForExitAsync(deadline);
                    signalWhen = null;
                }
            }

            await process.WaitForExitAsync(deadline);
            return (process.ExitCode, output.ToString(), await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
