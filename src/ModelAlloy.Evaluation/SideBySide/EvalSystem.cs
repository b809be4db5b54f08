namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>One system under test: a pipeline, or a single-model baseline (a generated one-stage chain on one model).</summary>
/// <param name="Name">The name reports show (the pipeline's name, or <c>baseline:{model}</c>).</param>
/// <param name="Pipeline">The pipeline that runs it.</param>
/// <param name="Model">The baseline's model; null for a pipeline.</param>
public sealed record EvalSystem(string Name, string Pipeline, string? Model = null)
{
    /// <summary>Gets whether this is a single-model baseline.</summary>
    public bool IsBaseline => Model is not null;

    /// <summary>A pipeline under test.</summary>
    /// <param name="pipeline">The pipeline's name.</param>
    /// <returns>The system.</returns>
    public static EvalSystem ForPipeline(string pipeline) => new(pipeline, pipeline);

    /// <summary>A single-model baseline, run by the generated pipeline <see cref="BaselinePipelines.NameFor"/>.</summary>
    /// <param name="model">The catalog model.</param>
    /// <returns>The system.</returns>
    public static EvalSystem Baseline(string model) => new($"baseline:{model}", BaselinePipelines.NameFor(model), model);
}
