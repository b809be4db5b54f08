using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// A refine loop: a critic judges the text (<c>{{draft}}</c>); until it passes, the reviser rewrites it given the
/// critique, at most <see cref="MaxRounds"/> times. The last revision ships either way; the record says whether it passed.
/// </summary>
public sealed record RefineStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Refine;

    /// <summary>Gets the critic (placeholders: <c>{{draft}}</c>, <c>{{original}}</c>); its verdict schema is built in.</summary>
    public required ModelStep Critic { get; init; }

    /// <summary>Gets the reviser (placeholders: <c>{{draft}}</c>, <c>{{reason}}</c>, <c>{{original}}</c>).</summary>
    public required ModelStep Reviser { get; init; }

    /// <summary>Gets the most revisions (1–10).</summary>
    public int MaxRounds { get; init; } = 3;
}
