namespace ModelAlloy.Evaluation.Replay;

/// <summary>One recorded request: its prompt, its task type and whether each model answered it correctly.</summary>
/// <param name="Id">A stable id, <c>{taskType}:{row}</c> for the RouteLLM data.</param>
/// <param name="TaskType">The task type (the MMLU subject for the RouteLLM data).</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="WeakCorrect">Whether the weak (cheap) model's answer was correct.</param>
/// <param name="StrongCorrect">Whether the strong (capable) model's answer was correct.</param>
public sealed record RecordedOutcome(string Id, string TaskType, string Prompt, bool WeakCorrect, bool StrongCorrect)
{
    /// <summary>Gets the pipeline the request came through (empty when not recorded).</summary>
    public string Pipeline { get; init; } = "";

    /// <summary>Gets the pipeline stage the request came from (empty when not recorded).</summary>
    public string Stage { get; init; } = "";

    /// <summary>Gets what escalating this request to the strong model changes: +1 fixes it, -1 breaks it, 0 neither.</summary>
    public int EscalationGain => (StrongCorrect ? 1 : 0) - (WeakCorrect ? 1 : 0);

    /// <summary>Gets whether the weak model suffices: escalating would not make the answer correct.</summary>
    public bool WeakSuffices => EscalationGain <= 0;
}
