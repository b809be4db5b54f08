namespace ModelAlloy.Models;

/// <summary>What happens when a budget is crossed.</summary>
public enum BudgetExceededAction
{
    /// <summary>Stop with a clear error.</summary>
    Stop = 0,

    /// <summary>Keep going on the cheapest model of the chain.</summary>
    Downgrade,
}

/// <summary>Cost budgets: a cap per run and a daily budget per pipeline, in US dollars.</summary>
public sealed class BudgetOptions
{
    /// <summary>Gets or sets the default cost cap of one run (null: no cap). A request may set its own.</summary>
    public decimal? RunCostCapUsd { get; set; }

    /// <summary>Gets or sets daily budgets keyed by pipeline name (UTC days).</summary>
    public Dictionary<string, decimal> DailyByPipeline { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets what crossing a budget does.</summary>
    public BudgetExceededAction OnExceeded { get; set; }
}
