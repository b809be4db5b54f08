namespace ModelAlloy.Cli.Terminal;

/// <summary>What <c>-</c> reads: the process's stdin, or the reader an in-process invocation passes (tests).</summary>
internal static class StandardInput
{
    private static readonly AsyncLocal<TextReader?> Override = new();

    /// <summary>Gets the reader of this invocation.</summary>
    public static TextReader Current => Override.Value ?? Console.In;

    /// <summary>Uses <paramref name="reader"/> as stdin for the calls that follow on this async flow.</summary>
    public static void Use(TextReader? reader) => Override.Value = reader;
}
