using System.CommandLine;
using System.CommandLine.Parsing;
using System.CommandLine.Invocation;
using Azure;
using ModelAlloy.Cli.Commands;
using ModelAlloy.Cli.Terminal;

namespace ModelAlloy.Cli;

/// <summary>
/// The <c>alloy</c> command tree (System.CommandLine: parsing, help, completions). Each command is one file in
/// <c>Commands/</c> exposing <c>Create()</c>; this is the one place that lists them. Output and error writers come
/// from the invocation, so tests run any command in-process with <see cref="InvokeAsync(string[], TextWriter, TextWriter, CancellationToken)"/>
/// and assert its text. A bad command line gets one line and the usage (exit code 2); an exception in a command gets
/// one line (exit code 1, 2 for <see cref="UsageException"/>, 130 when cancelled), never a stack trace.
/// </summary>
internal static class AlloyCommandLine
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("alloy — run model-alloy pipelines, watch them, report their costs and prove their savings\n\n" + ExitCodes.Help)
        {
            DemoCommand.Create(),
            RunCommand.Create(),
            BatchCommand.Create(),
            StatusCommand.Create(),
            WatchCommand.Create(),
            ReviewCommand.Create(),
            TerminateCommand.Create(),
            PipelinesCommand.Create(),
            ServeCommand.Create(),
            CostsCommand.Create(),
            EvalCommand.Create(),
            CompareCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        InvokeAsync(args, output, error, input: null, cancellationToken);

    /// <summary>Parses and runs <paramref name="args"/>, with <paramref name="input"/> as stdin (null: the process's).</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, TextReader? input, CancellationToken cancellationToken = default)
    {
        // No response files: "--input @file" names the input file, not more arguments.
        ParseResult parse = Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction)
        {
            return WriteUsageError(parse, error);
        }

        StandardInput.Use(input);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("alloy: cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (UsageException ex)
        {
            error.WriteLine("alloy: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (Exception ex)
        {
            error.WriteLine("alloy: " + OneLine(ex));
            return ExitCodes.Failed;
        }
        finally
        {
            StandardInput.Use(null);
        }
    }

    /// <summary>An exception as one line: its message's first line (storage failures by status and code).</summary>
    public static string OneLine(Exception exception)
    {
        Exception ex = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
        return ex switch
        {
            RequestFailedException storage => $"storage request failed: {storage.Status} {storage.ErrorCode}".TrimEnd(),
            _ => ex.Message.Split('\n', 2)[0].TrimEnd('\r'),
        };
    }

    // "alloy: <first error>", the failing command's usage lines (from its help), and where the full help is.
    private static int WriteUsageError(ParseResult parse, TextWriter error)
    {
        // An unrecognized token says more than the "required command" error it also causes.
        ParseError first = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
        error.WriteLine("alloy: " + first.Message);
        var path = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult { Command: not RootCommand } c; result = c.Parent)
        {
            path.Insert(0, c.Command.Name);
        }

        var help = new StringWriter();
        Build().Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = help, Error = TextWriter.Null });
        foreach (string line in help.ToString().Split('\n').Select(l => l.TrimEnd('\r')).SkipWhile(l => l != "Usage:").TakeWhile(l => l.Length > 0))
        {
            // The root's name is the executable's ("testhost" under a test runner).
            error.WriteLine(line.StartsWith("  " + RootCommand.ExecutableName, StringComparison.Ordinal) ? "  alloy" + line[(2 + RootCommand.ExecutableName.Length)..] : line);
        }

        error.WriteLine();
        error.WriteLine($"Run 'alloy {string.Join(' ', path)}{(path.Count > 0 ? " " : string.Empty)}--help' for more.");
        return ExitCodes.Usage;
    }
}
