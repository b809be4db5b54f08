namespace ModelAlloy.Models;

/// <summary>
/// What the ledger's accepted answers cost against what they would have cost on one capable model: the saving a
/// model alloy earns over sending everything to the strong model.
/// </summary>
/// <param name="BaselineModel">The single model of the baseline.</param>
/// <param name="ActualCostUsd">What every attempt actually cost (retries, fallbacks and rejected answers included).</param>
/// <param name="BaselineCostUsd">The accepted answers' tokens priced at the baseline model's prices, one attempt each.</param>
/// <param name="Answers">The accepted answers priced.</param>
public sealed record BaselineComparison(string BaselineModel, decimal ActualCostUsd, decimal BaselineCostUsd, int Answers)
{
    /// <summary>Gets the saving in US dollars (negative when the alloy cost more).</summary>
    public decimal SavingUsd => BaselineCostUsd - ActualCostUsd;

    /// <summary>Gets the saving as a share of the baseline (0 when the baseline cost nothing).</summary>
    public double SavingRate => BaselineCostUsd == 0 ? 0 : (double)(SavingUsd / BaselineCostUsd);
}

/// <summary>Prices the ledger against the single-capable-model baseline.</summary>
public static class CostBaseline
{
    /// <summary>
    /// Compares the records with the baseline model. The baseline is generous to the single model: the same tokens,
    /// no retries, no rejected answers; the alloy's actual cost carries all of those.
    /// </summary>
    /// <param name="records">Ledger records.</param>
    /// <param name="catalog">The catalog, for the baseline model's prices.</param>
    /// <param name="baselineModelId">
    /// The baseline model; null picks the Premium model that made the most provider calls, else the catalog's most
    /// expensive Premium model, else its most expensive model.
    /// </param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ModelGatewayException">With <see cref="ModelErrorCodes.UnknownModel"/> for an unknown baseline model.</exception>
    public static BaselineComparison Compare(IEnumerable<CostRecord> records, ModelCatalog catalog, string? baselineModelId = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalog);
        List<CostRecord> list = records as List<CostRecord> ?? records.ToList();
        ModelDefinition baseline = baselineModelId is null ? PickBaseline(list, catalog) : catalog.Get(baselineModelId);
        List<CostRecord> answers = list.Where(r => r.Succeeded).ToList();
        decimal baselineCost = answers.Sum(r => CostCalculator.Compute(baseline.Prices, new TokenUsage(r.InputTokens, r.CachedInputTokens, r.OutputTokens, r.UsageEstimated)));
        return new BaselineComparison(baseline.Id, list.Sum(r => r.CostUsd), baselineCost, answers.Count);
    }

    private static ModelDefinition PickBaseline(List<CostRecord> records, ModelCatalog catalog)
    {
        var callsByModel = records.Where(r => r.ReachedProvider).GroupBy(r => r.ModelId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        List<ModelDefinition> premium = catalog.Models.Where(m => m.Tier == ModelTier.Premium).ToList();
        IEnumerable<ModelDefinition> candidates = premium.Count > 0 ? premium : catalog.Models;
        return candidates
            .OrderByDescending(m => callsByModel.GetValueOrDefault(m.Id))
            .ThenByDescending(m => m.Prices.InputPerMillion + m.Prices.OutputPerMillion)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .First();
    }
}
