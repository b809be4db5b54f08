namespace ModelAlloy.Models;

/// <summary>
/// Everything the policy needs, resolved once from the catalog at the start of a call. In an orchestration it
/// is produced by an activity and so recorded in history: a catalog change mid-run cannot break replay.
/// </summary>
public sealed record ModelCallPlan
{
    /// <summary>Gets the chain's name (role or model).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the chain's models, in order.</summary>
    public required IReadOnlyList<ModelCandidate> Candidates { get; init; }

    /// <summary>Gets catalog models outside the chain, by context window ascending: used when the prompt does not fit.</summary>
    public IReadOnlyList<ModelCandidate> LargerContext { get; init; } = [];

    /// <summary>Gets whether exhausting the chain asks for a human.</summary>
    public bool EscalateToHuman { get; init; }

    /// <summary>Gets how long a human has to answer once the chain is exhausted (the default for plans recorded without it).</summary>
    public TimeSpan EscalationTimeout { get; init; } = ModelRoleOptions.DefaultEscalationTimeout;

    /// <summary>Gets the retry settings.</summary>
    public required RetryOptions Retry { get; init; }

    /// <summary>Gets what a spent budget does.</summary>
    public BudgetExceededAction OnBudgetExceeded { get; init; }

    /// <summary>Gets the estimated prompt tokens (used to skip models whose context is too small).</summary>
    public long EstimatedPromptTokens { get; init; }
}

/// <summary>A model the plan may use, with the facts routing needs.</summary>
/// <param name="ModelId">The catalog id.</param>
/// <param name="ContextWindow">The context window in tokens.</param>
/// <param name="InputPricePerMillion">The input price per million tokens.</param>
/// <param name="OutputPricePerMillion">The output price per million tokens.</param>
public sealed record ModelCandidate(string ModelId, int ContextWindow, decimal InputPricePerMillion, decimal OutputPricePerMillion)
{
    /// <summary>Gets a single number that orders models by price.</summary>
    public decimal PriceRank => InputPricePerMillion + (3 * OutputPricePerMillion);
}
