namespace ModelAlloy.Models;

/// <summary>What the policy does next.</summary>
internal abstract record PolicyDecision;

/// <summary>Call <paramref name="ModelId"/> after waiting <paramref name="Delay"/> (a durable timer in orchestrations).</summary>
internal sealed record AttemptDecision(
    string ModelId, int Attempt, TimeSpan Delay, string? FallbackFromCallId, bool AllowOverBudget) : PolicyDecision;

/// <summary>The call succeeded with this outcome.</summary>
internal sealed record SucceedDecision(ModelAttemptOutcome Outcome) : PolicyDecision;

/// <summary>The call failed for good.</summary>
internal sealed record FailDecision(string ErrorCode, string Message, bool EscalateToHuman) : PolicyDecision;
