using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Orchestration;

/// <summary>
/// What a pipeline run is given: the pipeline's name, the input text (a JSON object for field rules) and, from the
/// starters, the definition they read (<see cref="PipelineLibrary.PrepareRunAsync"/>).
/// </summary>
public sealed record PipelineRunInput
{
    /// <summary>Gets the pipeline name.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets the input.</summary>
    public required string Input { get; init; }

    /// <summary>
    /// Gets the definition as the starter read it, or null. Either way a run reads its definition once and keeps the
    /// text in its history, so an edited file never changes its replay and the next run picks the edit up: with a
    /// snapshot here the text is in the run's input (a starter checks the pipeline before starting anyway, so it is
    /// read once, not twice, and no step of the run is spent on it); without one (a run started by name alone, a
    /// sub-pipeline) the run reads it in its first activity.
    /// </summary>
    public PipelineSnapshot? Definition { get; init; }

    /// <summary>The input of a run of <paramref name="definition"/> (its pipeline is the definition's name).</summary>
    /// <param name="definition">The definition the starter read.</param>
    /// <param name="input">The run's input.</param>
    /// <returns>The input, with <see cref="Definition"/> set.</returns>
    public static PipelineRunInput For(PipelineSnapshot definition, string input)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(input);
        return new PipelineRunInput { Pipeline = definition.Name, Input = input, Definition = definition };
    }

    /// <summary>Whether <paramref name="other"/> asks for the same run: the same pipeline and input, whichever version of the definition each read.</summary>
    /// <param name="other">The other input.</param>
    /// <returns>True when the pipeline and the input are equal.</returns>
    public bool IsSameRequest(PipelineRunInput? other) =>
        other is not null && string.Equals(Pipeline, other.Pipeline, StringComparison.Ordinal) && string.Equals(Input, other.Input, StringComparison.Ordinal);
}
