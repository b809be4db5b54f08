namespace ModelAlloy.Evaluation.Comparison;

/// <summary>
/// One model's answer to one prompt in <c>alloy compare</c>: one line of an outcomes file (JSONL, camelCase), the
/// format <see cref="ComparisonOutcomes.ToRecorded"/> turns into the learned router's training rows.
/// </summary>
public sealed record ComparisonOutcome
{
    /// <summary>Gets the prompt's id (the dataset item's id, or <c>p{n}</c>).</summary>
    public required string PromptId { get; init; }

    /// <summary>Gets the prompt text.</summary>
    public required string Prompt { get; init; }

    /// <summary>Gets the task type (the item's <c>taskType</c> metadata, else <c>compare</c>).</summary>
    public string TaskType { get; init; } = "compare";

    /// <summary>Gets the pipeline the prompt belongs to (the item's <c>pipeline</c> metadata, else empty).</summary>
    public string Pipeline { get; init; } = "";

    /// <summary>Gets the model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the model's catalog tier.</summary>
    public string Tier { get; init; } = "";

    /// <summary>Gets the answer (empty when the call failed).</summary>
    public string Output { get; init; } = "";

    /// <summary>Gets the latency of the successful attempt in milliseconds.</summary>
    public long LatencyMs { get; init; }

    /// <summary>Gets the input tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the cost of the call (every attempt).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the score, 0..1 (judge or reference scorer), or null when unscored.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the scorer's name, or null.</summary>
    public string? Scorer { get; init; }

    /// <summary>Gets the scorer's reason.</summary>
    public string? ScoreDetail { get; init; }

    /// <summary>Gets what judging cost (apart from <see cref="CostUsd"/>).</summary>
    public decimal JudgeCostUsd { get; init; }

    /// <summary>Gets whether a simulated model answered.</summary>
    public bool Simulated { get; init; }

    /// <summary>Gets why the call failed, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets when the call was made (UTC).</summary>
    public DateTimeOffset RecordedAt { get; init; }
}
