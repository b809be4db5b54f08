namespace ModelAlloy.Bench.Pipelines;

/// <summary>
/// Cost does not depend on the backend or on latency: each pipeline and the single-capable-model baseline run on the
/// first N items of the pipeline's dataset, many at once (bounded), on one host.
/// </summary>
internal static class CostRun
{
    private const int AtOnce = 25;

    public static async Task<CostSample> MeasureAsync(PipelineRunner runner, string pipeline, IReadOnlyList<string> inputs, bool mayAskForReview, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(AtOnce);
        PipelineSample[] runs = await Task.WhenAll(inputs.Select(input => RunAsync(pipeline, input, mayAskForReview)));
        PipelineSample[] baseline = await Task.WhenAll(inputs.Select(input => RunAsync(BenchPipelineFolder.Baseline, input, false)));
        List<(string, int)> paths = [.. runs.GroupBy(r => r.Path).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))];
        return new CostSample(pipeline, runs.Length, runs.Average(r => r.CostUsd), baseline.Average(r => r.CostUsd), paths);

        async Task<PipelineSample> RunAsync(string name, string input, bool review)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await runner.RunAsync(name, input, review, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
