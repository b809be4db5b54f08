using Spectre.Console;

namespace ModelAlloy.Cli.Terminal;

/// <summary>
/// The Spectre.Console console over an invocation's output writer. On a terminal (the process's own stdout, not
/// redirected, <c>NO_COLOR</c> unset, <c>TERM</c> not <c>dumb</c>): colour and live redraw. Anywhere else (a pipe, a
/// file, a test's <see cref="StringWriter"/>): no escapes, no redraw, plain lines wide enough not to wrap.
/// </summary>
internal static class AlloyConsole
{
    /// <summary>The width of plain output, so redirected tables do not wrap.</summary>
    public const int PlainWidth = 240;

    /// <summary>Creates the console for <paramref name="output"/>.</summary>
    public static IAnsiConsole Create(TextWriter output)
    {
        bool terminal = IsTerminal(output);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = PlainWidth;
        }

        return console;
    }

    /// <summary>Whether <paramref name="output"/> is a colour terminal.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out)
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>The table border: rounded on a terminal, plain ASCII elsewhere.</summary>
    public static TableBorder Border(IAnsiConsole console) =>
        console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii;
}
