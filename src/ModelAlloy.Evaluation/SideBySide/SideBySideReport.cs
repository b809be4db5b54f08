using ModelAlloy.Evaluation.Projection;

namespace ModelAlloy.Evaluation.SideBySide;

/// <summary>A side-by-side run: every system on every item, summarised per system, with the cost projection.</summary>
public sealed record SideBySideReport
{
    /// <summary>Gets the dataset's name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Gets the scorer's name.</summary>
    public required string Scorer { get; init; }

    /// <summary>Gets the run's tag (every run id starts with <c>eval-{tag}-</c>).</summary>
    public required string RunTag { get; init; }

    /// <summary>Gets the systems, in the order given.</summary>
    public required IReadOnlyList<SystemSummary> Systems { get; init; }

    /// <summary>Gets every item result, by system then item.</summary>
    public required IReadOnlyList<ItemResult> Items { get; init; }

    /// <summary>Gets the projection to 1M requests a month from the measured per-item costs and latencies.</summary>
    public required IReadOnlyList<ProjectionRow> Projection { get; init; }

    /// <summary>Gets the catalog tiers, cheapest first, as the columns of tier shares.</summary>
    public required IReadOnlyList<string> Tiers { get; init; }

    /// <summary>Gets whether any answer was simulated (reports then say SIMULATED).</summary>
    public bool Simulated => Systems.Any(s => s.Simulated);

    /// <summary>Gets the wall time of the run in seconds.</summary>
    public double WallSeconds { get; init; }
}
