using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>The items each pipeline runs on: the first N of the samples/ dataset its example is for (see samples/README.md).</summary>
internal static class PipelineItems
{
    private static readonly Dictionary<string, string> Datasets = new(StringComparer.Ordinal)
    {
        ["support-triage"] = "support-triage/tickets.jsonl",
        ["specialists"] = "support-triage/tickets.jsonl",
        ["document-extract"] = "documents/invoices.jsonl",
        ["content-draft"] = "content/briefs.jsonl",
        ["high-stakes-ensemble"] = "ensemble/cases.jsonl",
        [BenchPipelineFolder.Ensemble3] = "ensemble/cases.jsonl",
    };

    /// <summary>The dataset for pipelines without one of their own (provider-fallback, answer-checked, the chain, new examples).</summary>
    private const string Default = "fallback/requests.jsonl";

    public static string DatasetFor(string pipeline) => Datasets.GetValueOrDefault(pipeline, Default);

    public static async Task<IReadOnlyList<EvalItem>> LoadAsync(string repository, string pipeline, int count, CancellationToken cancellationToken)
    {
        EvalDataset dataset = await JsonlDatasetReader.LoadAsync(Path.Combine(repository, "samples", DatasetFor(pipeline)), cancellationToken);
        return [.. dataset.Items.Take(count)];
    }
}
