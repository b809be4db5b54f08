using ModelAlloy.Evaluation.SideBySide;

namespace ModelAlloy.Evaluation.Projection;

/// <summary>
/// Projects a side-by-side run to a monthly volume (default 1M requests): each system's measured mean cost per item
/// times the volume, its measured mean latency and quality. Nothing is typed in: every number comes from the run.
/// </summary>
public static class CostProjection
{
    /// <summary>The seeds' volume: one million requests a month.</summary>
    public const long DefaultRequestsPerMonth = 1_000_000;

    /// <summary>Projects each system.</summary>
    /// <param name="systems">The measured systems.</param>
    /// <param name="requestsPerMonth">The volume.</param>
    /// <returns>One row per system, in the order given.</returns>
    public static IReadOnlyList<ProjectionRow> From(IEnumerable<SystemSummary> systems, long requestsPerMonth = DefaultRequestsPerMonth)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerMonth);
        return systems.Select(s => new ProjectionRow(Architecture(s.System), requestsPerMonth, s.CostPerItemUsd * requestsPerMonth, s.MeanLatencyMs, s.Quality)).ToList();
    }

    private static string Architecture(EvalSystem system) => system.Model is { } model ? $"{model} alone" : $"pipeline {system.Pipeline}";
}
