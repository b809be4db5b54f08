using System.Text.Json.Serialization;

namespace ModelAlloy.Pipelines.Definitions;

/// <summary>
/// A cascade: tiers from cheap to capable. A tier answers when its call succeeds (a schema, if given, is checked by
/// the gateway) and its judge, if any, scores the answer at or above the threshold; otherwise the next tier tries.
/// </summary>
public sealed record CascadeStageDefinition : StageDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => StageKinds.Cascade;

    /// <summary>Gets the tiers, cheapest first.</summary>
    public required IReadOnlyList<CascadeTier> Tiers { get; init; }
}

/// <summary>One tier of a cascade.</summary>
public sealed record CascadeTier
{
    /// <summary>Gets the model step (placeholder: <c>{{input}}</c>).</summary>
    public required ModelStep Step { get; init; }

    /// <summary>Gets the judge that accepts or rejects this tier's answer (none: a successful call is accepted).</summary>
    public JudgeCheck? Judge { get; init; }
}

/// <summary>A judge model scores an answer from 0 to 1 and lists its issues; the answer passes at <see cref="Threshold"/>.</summary>
public sealed record JudgeCheck
{
    /// <summary>Gets the judge's step (placeholders: <c>{{input}}</c>, <c>{{answer}}</c>); its schema is built in.</summary>
    public required ModelStep Step { get; init; }

    /// <summary>Gets the minimum score in [0, 1].</summary>
    public required double Threshold { get; init; }
}
