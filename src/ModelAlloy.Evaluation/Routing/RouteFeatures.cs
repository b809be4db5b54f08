using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>What a router sees of a request: the prompt and what the request carries.</summary>
/// <param name="Prompt">The prompt text.</param>
/// <param name="TaskType">The task type (e.g. a classification label, an MMLU subject); empty when unknown.</param>
/// <param name="Pipeline">The pipeline the request runs in; empty when unknown.</param>
/// <param name="Stage">The pipeline stage; empty when unknown.</param>
public sealed record RouteFeatures(string Prompt, string TaskType = "", string Pipeline = "", string Stage = "")
{
    /// <summary>Gets the prompt's length in characters.</summary>
    public int Length => Prompt.Length;

    /// <summary>Returns the features of a recorded request.</summary>
    /// <param name="outcome">The recorded outcome.</param>
    /// <returns>Its features.</returns>
    public static RouteFeatures From(RecordedOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new RouteFeatures(outcome.Prompt, outcome.TaskType, outcome.Pipeline, outcome.Stage);
    }
}
