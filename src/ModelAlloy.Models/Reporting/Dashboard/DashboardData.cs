using System.Text.Json.Serialization;

namespace ModelAlloy.Models;

// The page's data, serialized into it as JSON; the page's script reads it and draws. Money is rounded to 10
// decimals so a JavaScript double carries it exactly.

internal sealed record DashboardData(
    string Title,
    string From,
    string To,
    DashboardTotals Totals,
    IReadOnlyList<string> Days,
    DashboardBreakdowns Breakdowns,
    IReadOnlyList<DashboardTier> Tiers,
    IReadOnlyList<DashboardFinding> Findings,
    DashboardBaseline? Baseline);

internal sealed record DashboardTotals(
    decimal CostUsd, int Calls, int Accepted, int Skipped, long InputTokens, long OutputTokens, int Simulated, int Estimated);

internal sealed record DashboardBreakdowns(
    [property: JsonPropertyName("pipeline")] IReadOnlyList<DashboardSeries> Pipeline,
    [property: JsonPropertyName("taskType")] IReadOnlyList<DashboardSeries> TaskType,
    [property: JsonPropertyName("model")] IReadOnlyList<DashboardSeries> Model);

/// <summary>One key's cost and calls on each of <see cref="DashboardData.Days"/>.</summary>
internal sealed record DashboardSeries(string Key, decimal TotalUsd, int Calls, IReadOnlyList<decimal> CostUsd);

internal sealed record DashboardTier(string Tier, int Calls, int Accepted, decimal CostUsd);

internal sealed record DashboardFinding(
    string TaskType, string ExpensiveModel, string CheapModel, decimal ExpensiveCostPerAnswer, decimal CheapCostPerAnswer,
    double ExpensiveSuccessRate, double CheapSuccessRate, int ExpensiveAnswers, decimal PotentialSavingUsd, decimal CostRatio);

internal sealed record DashboardBaseline(string Model, decimal ActualCostUsd, decimal BaselineCostUsd, decimal SavingUsd, double SavingRate, int Answers);
