namespace ModelAlloy.Models;

/// <summary>
/// An expensive model doing work that a much cheaper model does as well: same task type, at least as high an
/// acceptance rate (within a tolerance), at a fraction of the cost per accepted answer.
/// </summary>
/// <param name="TaskType">The task type.</param>
/// <param name="ExpensiveModel">The expensive model.</param>
/// <param name="CheapModel">The cheaper model that does as well.</param>
/// <param name="ExpensiveCostPerAnswer">Cost per accepted answer of the expensive model.</param>
/// <param name="CheapCostPerAnswer">Cost per accepted answer of the cheap model.</param>
/// <param name="ExpensiveSuccessRate">Share of the expensive model's answers that passed the quality checks.</param>
/// <param name="CheapSuccessRate">Share of the cheap model's answers that passed the quality checks.</param>
/// <param name="ExpensiveAnswers">Accepted answers the expensive model produced.</param>
/// <param name="PotentialSavingUsd">What those answers would have cost less on the cheap model.</param>
public sealed record ExpensiveModelFinding(
    string TaskType, string ExpensiveModel, string CheapModel, decimal ExpensiveCostPerAnswer, decimal CheapCostPerAnswer,
    double ExpensiveSuccessRate, double CheapSuccessRate, int ExpensiveAnswers, decimal PotentialSavingUsd)
{
    /// <summary>Gets how many times more the expensive model costs per accepted answer.</summary>
    public decimal CostRatio => CheapCostPerAnswer == 0 ? decimal.MaxValue : ExpensiveCostPerAnswer / CheapCostPerAnswer;
}

/// <summary>Thresholds of <see cref="ExpensiveModelDetector"/>.</summary>
public sealed class ExpensiveModelDetectorOptions
{
    /// <summary>Gets or sets the cost ratio from which a model counts as expensive for a task (default 10x).</summary>
    public decimal MinCostRatio { get; set; } = 10m;

    /// <summary>Gets or sets the provider calls each model needs on the task type before it is compared (default 5).</summary>
    public int MinAttempts { get; set; } = 5;

    /// <summary>Gets or sets how much lower the cheap model's acceptance rate may be and still count "as well" (default 0.02).</summary>
    public double SuccessRateTolerance { get; set; } = 0.02;
}

/// <summary>Finds the "$0.50 classification that should cost $0.001" in the ledger.</summary>
public static class ExpensiveModelDetector
{
    /// <summary>Returns findings, largest potential saving first.</summary>
    /// <param name="records">Ledger records.</param>
    /// <param name="options">Thresholds (defaults when null).</param>
    /// <returns>The findings.</returns>
    public static IReadOnlyList<ExpensiveModelFinding> Detect(IEnumerable<CostRecord> records, ExpensiveModelDetectorOptions? options = null)
    {
        options ??= new ExpensiveModelDetectorOptions();
        var findings = new List<ExpensiveModelFinding>();
        foreach (IGrouping<string, CostRecord> task in records.Where(r => r.ReachedProvider).GroupBy(r => r.TaskType, StringComparer.Ordinal))
        {
            List<ModelStats> stats = task.GroupBy(r => r.ModelId, StringComparer.Ordinal)
                .Select(ModelStats.From)
                .Where(s => s.Attempts >= options.MinAttempts && s.Succeeded > 0)
                .ToList();
            foreach (ModelStats expensive in stats)
            {
                ModelStats? cheap = stats
                    .Where(c => c.CostPerAnswer * options.MinCostRatio <= expensive.CostPerAnswer)
                    .Where(c => c.SuccessRate >= expensive.SuccessRate - options.SuccessRateTolerance)
                    .MinBy(c => c.CostPerAnswer);
                if (cheap is not null)
                {
                    decimal saving = expensive.Cost - (expensive.Succeeded * cheap.CostPerAnswer);
                    findings.Add(new ExpensiveModelFinding(
                        task.Key, expensive.Model, cheap.Model, expensive.CostPerAnswer, cheap.CostPerAnswer,
                        expensive.SuccessRate, cheap.SuccessRate, expensive.Succeeded, saving));
                }
            }
        }

        return findings.OrderByDescending(f => f.PotentialSavingUsd).ToList();
    }

    // Quality is judged on the answers a model gave (accepted or rejected by the checks): a 429 or a timeout says
    // nothing about how well it does the task. Cost per accepted answer still carries every call's cost. Attempts
    // skipped without a call are left out altogether, so they cannot make up a model's sample size.
    private sealed record ModelStats(string Model, int Attempts, int Judged, int Succeeded, decimal Cost)
    {
        public double SuccessRate => Judged == 0 ? 0 : (double)Succeeded / Judged;

        public decimal CostPerAnswer => Cost / Succeeded;

        public static ModelStats From(IGrouping<string, CostRecord> g) =>
            new(g.Key, g.Count(), g.Count(IsJudged), g.Count(r => r.Succeeded), g.Sum(r => r.CostUsd));

        private static bool IsJudged(CostRecord r) => r.Succeeded || r.Outcome is nameof(ModelFailureKind.InvalidStructuredOutput)
            or nameof(ModelFailureKind.EmptyAnswer) or nameof(ModelFailureKind.ContentFiltered);
    }
}
