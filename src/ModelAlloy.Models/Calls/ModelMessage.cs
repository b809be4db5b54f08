namespace ModelAlloy.Models;

/// <summary>One chat message of a model call; plain data so it serializes into orchestration history.</summary>
/// <param name="Role">"system", "user" or "assistant".</param>
/// <param name="Text">The message text.</param>
public sealed record ModelMessage(string Role, string Text)
{
    /// <summary>Creates a system message.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    public static ModelMessage System(string text) => new("system", text);

    /// <summary>Creates a user message.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    public static ModelMessage User(string text) => new("user", text);

    /// <summary>Creates an assistant message.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    public static ModelMessage Assistant(string text) => new("assistant", text);
}
