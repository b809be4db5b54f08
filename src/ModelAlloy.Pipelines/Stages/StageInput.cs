namespace ModelAlloy.Pipelines.Stages;

/// <summary>What a stage receives: the previous stage's output (text, and JSON when it answered under a schema) and the run's original input.</summary>
/// <param name="Text">The text.</param>
/// <param name="Original">The run's input.</param>
internal sealed record StageInput(string Text, string Original);
