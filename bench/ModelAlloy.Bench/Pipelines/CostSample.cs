namespace ModelAlloy.Bench.Pipelines;

/// <summary>A pipeline's cost on a set of items, beside one capable-model call per item, and the paths its runs took.</summary>
internal sealed record CostSample(string Pipeline, int Items, decimal PipelineUsdPerItem, decimal BaselineUsdPerItem, IReadOnlyList<(string Path, int Runs)> Paths);
