namespace ModelAlloy.Evaluation.SelfHosted;

/// <summary>What a side-by-side session runs: which pipelines and baselines, from which folder, on which catalog.</summary>
public sealed record SideBySideSessionOptions
{
    /// <summary>Gets the folder of pipeline definitions (default <c>pipelines</c>).</summary>
    public string PipelinesFolder { get; init; } = "pipelines";

    /// <summary>Gets the model catalog file; default <c>{PipelinesFolder}/catalogs/simulated.json</c>.</summary>
    public string? CatalogFile { get; init; }

    /// <summary>Gets the pipelines under test.</summary>
    public IReadOnlyList<string> Pipelines { get; init; } = [];

    /// <summary>Gets the baselines: null or empty for none, <c>["all"]</c> for every catalog model, else model ids.</summary>
    public IReadOnlyList<string>? Baselines { get; init; }

    /// <summary>Gets the baselines' prompt template (default <c>{{input}}</c>).</summary>
    public string? BaselinePrompt { get; init; }

    /// <summary>Gets the routes baselines choose from (a routed dataset's labels, for the <c>route</c> scorer); null: baselines answer.</summary>
    public IReadOnlyList<string>? BaselineRoutes { get; init; }

    /// <summary>Gets how long one run may take before it counts as failed.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
