namespace ModelAlloy.Models;

/// <summary>Options of <see cref="CostDashboard"/>.</summary>
public sealed class CostDashboardOptions
{
    /// <summary>Gets or sets the page title.</summary>
    public string Title { get; set; } = "ModelAlloy model costs";

    /// <summary>Gets or sets the first UTC day shown; null starts at the earliest record.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Gets or sets the last UTC day shown; null ends at the latest record.</summary>
    public DateOnly? To { get; set; }

    /// <summary>Gets or sets the single capable model of the baseline; null lets <see cref="CostBaseline"/> pick it.</summary>
    public string? BaselineModelId { get; set; }

    /// <summary>Gets or sets the thresholds of the expensive-model findings (defaults when null).</summary>
    public ExpensiveModelDetectorOptions? Findings { get; set; }
}
