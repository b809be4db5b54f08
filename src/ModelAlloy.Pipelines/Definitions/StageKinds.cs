namespace ModelAlloy.Pipelines.Definitions;

/// <summary>The stage kinds a definition may use (the <c>kind</c> of a stage).</summary>
public static class StageKinds
{
    /// <summary>Picks the next stage by rules on the input or a cheap classifier model.</summary>
    public const string Router = "router";

    /// <summary>Tiers cheap → capable, each with an acceptance check; escalates on failure.</summary>
    public const string Cascade = "cascade";

    /// <summary>Model steps in sequence, each answering the previous one's output.</summary>
    public const string Chain = "chain";

    /// <summary>An extractor under a JSON Schema hands structured data to a reasoner.</summary>
    public const string ExtractReason = "extract-reason";

    /// <summary>A cheap draft, judged; shipped at the threshold or rewritten by a capable model.</summary>
    public const string DraftPolish = "draft-polish";

    /// <summary>Specialists in parallel, merged by a template or a synthesizer.</summary>
    public const string Parallel = "parallel";

    /// <summary>N models in parallel, aggregated; disagreement goes to a person.</summary>
    public const string Ensemble = "ensemble";

    /// <summary>A second model verifies the answer; failure falls back or refines.</summary>
    public const string Validation = "validation";

    /// <summary>Critique and revise until the critic passes it or the rounds are spent.</summary>
    public const string Refine = "refine";

    /// <summary>Another pipeline, run as a sub-orchestration.</summary>
    public const string SubPipeline = "pipeline";

    /// <summary>Queries, searches in parallel, claims per result, near-duplicates removed, a synthesis citing its sources.</summary>
    public const string Research = "research";

    /// <summary>Gets every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Router, Cascade, Chain, ExtractReason, DraftPolish, Parallel, Ensemble, Validation, Refine, SubPipeline, Research];
}
