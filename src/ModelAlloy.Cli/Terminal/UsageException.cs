namespace ModelAlloy.Cli.Terminal;

/// <summary>The command line asks for something that cannot be done (exit code 2); the message says how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);
