using System.CommandLine;
using ModelAlloy.Cli.Commands;

namespace ModelAlloy.Cli;

/// <summary>
/// The <c>alloy</c> command tree (System.CommandLine: parsing, help, completions). Each command is one file in
/// <c>Commands/</c> exposing <c>Create()</c>; this is the one place that lists them. Output and error writers come
/// from the invocation, so tests run any command in-process with <see cref="InvokeAsync"/> and assert its text.
/// </summary>
internal static class AlloyCommandLine
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Build() =>
        new("alloy — run model-alloy pipelines, watch them, report their costs and prove their savings")
        {
            DemoCommand.Create(),
            CostsCommand.Create(),
            EvalCommand.Create(),
            BatchCommand.Create(),
        };

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
}
