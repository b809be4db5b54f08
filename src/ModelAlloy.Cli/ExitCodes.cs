namespace ModelAlloy.Cli;

/// <summary>The exit codes of every <c>alloy</c> command (documented in the README and in <c>alloy --help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Done: the run completed, the definitions are valid, the report was written.</summary>
    public const int Ok = 0;

    /// <summary>The run failed or was terminated, a definition is invalid, the instance does not exist.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown command or flag, missing or unreadable input, unknown pipeline.</summary>
    public const int Usage = 2;

    /// <summary>The wait ended before the run did (<c>--timeout</c>); the run goes on.</summary>
    public const int StillRunning = 3;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>The help section that lists them.</summary>
    public const string Help = """
        Exit codes:
          0    ok
          1    the run failed or was terminated, a definition is invalid, the instance does not exist
          2    usage error: unknown command or flag, missing input, unknown pipeline, no --storage where one is needed
          3    the wait ended (--timeout) before the run did; the run goes on
          130  cancelled (Ctrl+C)
        """;
}
