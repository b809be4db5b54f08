using System.Globalization;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.Comparison;

/// <summary>
/// The same prompts through several models, side by side, through the gateway (its policy and ledger: pipeline
/// <c>compare</c>, task type the item's, run id <c>compare-{tag}-{prompt}-{model}</c>); each answer optionally scored.
/// </summary>
public static class ModelComparison
{
    /// <summary>Runs every prompt on every model.</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="catalog">The catalog (for tiers).</param>
    /// <param name="prompts">The prompts (dataset items; a reference lets a reference scorer score them).</param>
    /// <param name="models">The models, in column order.</param>
    /// <param name="scorer">Scores each answer (a judge, or a reference scorer); null leaves answers unscored.</param>
    /// <param name="concurrency">Calls in flight at once.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One outcome per prompt and model, by prompt then model.</returns>
    public static async Task<IReadOnlyList<ComparisonOutcome>> RunAsync(
        IModelGateway gateway, ModelCatalog catalog, IReadOnlyList<EvalItem> prompts, IReadOnlyList<string> models,
        IAnswerScorer? scorer = null, int concurrency = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(models);
        foreach (string model in models)
        {
            _ = catalog.Get(model);
        }

        string tag = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var results = new ComparisonOutcome[prompts.Count, models.Count];
        var work = (from p in Enumerable.Range(0, prompts.Count) from m in Enumerable.Range(0, models.Count) select (p, m)).ToList();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken }, async (job, ct) =>
        {
            results[job.p, job.m] = await OneAsync(gateway, catalog, prompts[job.p], models[job.m], scorer, $"compare-{tag}-{job.p}-{models[job.m]}", ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return work.Select(j => results[j.p, j.m]).ToList();
    }

    private static async Task<ComparisonOutcome> OneAsync(IModelGateway gateway, ModelCatalog catalog, EvalItem item, string model, IAnswerScorer? scorer, string runId, CancellationToken cancellationToken)
    {
        var outcome = new ComparisonOutcome
        {
            PromptId = item.Id,
            Prompt = item.Input,
            TaskType = item.Metadata.GetValueOrDefault("taskType") ?? "compare",
            Pipeline = item.Metadata.GetValueOrDefault("pipeline") ?? "",
            Model = model,
            Tier = catalog.Get(model).Tier.ToString(),
            RecordedAt = DateTimeOffset.UtcNow,
        };
        ModelCallResult result;
        try
        {
            result = await gateway.CallAsync(
                new ModelCallRequest { Model = model, Messages = [ModelMessage.User(item.Input)], TaskType = outcome.TaskType, Pipeline = "compare", Stage = "compare", RunId = runId },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallFailedException ex)
        {
            return outcome with { Error = $"{ex.ErrorCode}: {ex.Message}", CostUsd = ex.Attempts.Sum(a => a.CostUsd) };
        }

        outcome = outcome with
        {
            Output = result.Text,
            LatencyMs = result.LatencyMs,
            InputTokens = result.Usage.InputTokens,
            OutputTokens = result.Usage.OutputTokens,
            CostUsd = result.TotalCostUsd,
            Simulated = result.Simulated,
        };
        if (scorer is null)
        {
            return outcome;
        }

        Score score = await scorer.ScoreAsync(item, new SystemAnswer(result.Text, null, runId), cancellationToken).ConfigureAwait(false);
        return outcome with { Score = score.Value, Scorer = scorer.Name, ScoreDetail = score.Detail, JudgeCostUsd = score.CostUsd };
    }
}
