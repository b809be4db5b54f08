using System.Globalization;
using System.Text;

namespace ModelAlloy.Evaluation.Comparison;

/// <summary>The terminal view of <c>alloy compare</c>: every answer, then one line per model.</summary>
public static class ComparisonTable
{
    /// <summary>Formats the outcomes.</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="outputWidth">How much of each answer to show.</param>
    /// <returns>Plain text.</returns>
    public static string Format(IReadOnlyList<ComparisonOutcome> outcomes, int outputWidth = 60)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        if (outcomes.Any(o => o.Simulated))
        {
            text.Append("SIMULATED models answered: outputs and scores follow the simulated provider's skill model.\n\n");
        }

        int width = Math.Max(5, outcomes.Select(o => o.Model.Length).DefaultIfEmpty(0).Max());
        foreach (var prompt in outcomes.GroupBy(o => o.PromptId))
        {
            text.Append(inv, $"{prompt.Key}: {Cut(prompt.First().Prompt, 100)}\n");
            text.Append(inv, $"  {"model".PadRight(width)}  {"latency",8}  {"in tok",7}  {"out tok",7}  {"cost $",10}  {"score",5}  output\n");
            foreach (ComparisonOutcome o in prompt)
            {
                string score = o.Score is { } s ? s.ToString("0.00", inv) : "—";
                string shown = o.Error is { } e ? $"FAILED {e}" : o.Output;
                text.Append(inv, $"  {o.Model.PadRight(width)}  {o.LatencyMs,6} ms  {o.InputTokens,7}  {o.OutputTokens,7}  {o.CostUsd,10:F6}  {score,5}  {Cut(shown, outputWidth)}\n");
            }

            text.Append('\n');
        }

        text.Append(inv, $"{"model".PadRight(width)}  {"tier",8}  {"prompts",7}  {"mean ms",8}  {"cost $",10}  {"judge $",9}  {"score",6}\n");
        foreach (var model in outcomes.GroupBy(o => o.Model))
        {
            var scored = model.Where(o => o.Score is not null).ToList();
            string score = scored.Count > 0 ? scored.Average(o => o.Score!.Value).ToString("0.000", inv) : "—";
            text.Append(inv, $"{model.Key.PadRight(width)}  {model.First().Tier,8}  {model.Count(),7}  {model.Average(o => o.LatencyMs),8:F0}  {model.Sum(o => o.CostUsd),10:F6}  {model.Sum(o => o.JudgeCostUsd),9:F6}  {score,6}\n");
        }

        return text.ToString();
    }

    private static string Cut(string text, int max)
    {
        string line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..max] + "…";
    }
}
