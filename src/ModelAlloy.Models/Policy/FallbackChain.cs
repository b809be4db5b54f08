namespace ModelAlloy.Models;

/// <summary>The ordered models a call may use: primary, other provider, more capable; then optionally a human.</summary>
/// <param name="Name">The role (or model) the chain was resolved for.</param>
/// <param name="ModelIds">Model ids in the order they are tried.</param>
/// <param name="EscalateToHuman">Whether exhausting the chain asks for a human.</param>
public sealed record FallbackChain(string Name, IReadOnlyList<string> ModelIds, bool EscalateToHuman)
{
    /// <summary>Gets how long a human has to answer once the chain is exhausted.</summary>
    public TimeSpan EscalationTimeout { get; init; } = ModelRoleOptions.DefaultEscalationTimeout;
}
