using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Comparison;

/// <summary>
/// Turns compare outcomes into the learned router's training rows: for each prompt both the weak and the strong model
/// answered and were scored, one <see cref="RecordedOutcome"/> whose correctness is score ≥ the pass mark.
/// </summary>
public static class ComparisonOutcomes
{
    /// <summary>Builds training rows.</summary>
    /// <param name="outcomes">The outcomes (several files may repeat a prompt: the latest answer per model counts).</param>
    /// <param name="weak">The weak model; null picks the one with the lowest mean cost.</param>
    /// <param name="strong">The strong model; null picks the one with the highest mean cost.</param>
    /// <param name="passScore">The score at or above which an answer counts as correct.</param>
    /// <returns>One row per prompt scored for both models, in prompt order.</returns>
    /// <exception cref="ArgumentException">Fewer than two models, or an unknown weak/strong model.</exception>
    public static IReadOnlyList<RecordedOutcome> ToRecorded(IReadOnlyList<ComparisonOutcome> outcomes, string? weak = null, string? strong = null, double passScore = 0.5)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var byCost = outcomes.GroupBy(o => o.Model, StringComparer.Ordinal).OrderBy(g => g.Average(o => o.CostUsd)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        if (byCost.Count < 2)
        {
            throw new ArgumentException($"training a router needs outcomes of two models (weak and strong); found {byCost.Count}: {string.Join(", ", byCost)}");
        }

        weak ??= byCost[0];
        strong ??= byCost[^1];
        foreach (string model in new[] { weak, strong }.Where(m => !byCost.Contains(m)))
        {
            throw new ArgumentException($"no outcomes for model '{model}'; the outcomes have: {string.Join(", ", byCost)}");
        }

        var rows = new List<RecordedOutcome>();
        foreach (var prompt in outcomes.GroupBy(o => (o.PromptId, o.Prompt)))
        {
            ComparisonOutcome? w = Latest(prompt, weak), s = Latest(prompt, strong);
            if (w?.Score is { } ws && s?.Score is { } ss)
            {
                rows.Add(new RecordedOutcome($"{w.TaskType}:{w.PromptId}", w.TaskType, w.Prompt, ws >= passScore, ss >= passScore) { Pipeline = w.Pipeline, Stage = "compare" });
            }
        }

        return rows;
    }

    private static ComparisonOutcome? Latest(IEnumerable<ComparisonOutcome> outcomes, string model) =>
        outcomes.Where(o => o.Model == model && o.Error is null).MaxBy(o => o.RecordedAt);
}
