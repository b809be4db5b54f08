namespace ModelAlloy.Cli.Tests.Fakes;

/// <summary>What an in-process <c>alloy</c> invocation returned and wrote.</summary>
public sealed record AlloyResult(int ExitCode, string Output, string Error)
{
    /// <summary>Output and error, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}

/// <summary>Runs <c>alloy</c> in-process on redirected writers (so the output is plain: no colour, no redraw).</summary>
public static class Alloy
{
    public static Task<AlloyResult> RunAsync(params string[] args) => RunAsync(args, stdin: null, TestTimeout.Token(300));

    public static async Task<AlloyResult> RunAsync(string[] args, TextReader? stdin, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await AlloyCommandLine.InvokeAsync(args, output, error, stdin, cancellationToken);
        return new AlloyResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The lines of a text, without the empty last one.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
