using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>
/// The model time a run cannot avoid, from its ledger rows' latencies (as the gateway measured them around the
/// provider call). Attempts the orchestration scheduled in the same episode (same <see cref="CostRecord.OccurredAtUtc"/>,
/// the replay-safe time of their scheduling) ran at once and count as their slowest; episodes follow one another and
/// add up. So an ensemble's or specialists' fan-out, and a research stage's claims, count once, while chained stages,
/// a synthesizer after its fan-out, and retries and fallbacks (later episodes) add up, for every stage kind alike.
/// Wall time minus this is the orchestration's overhead.
/// </summary>
internal static class CriticalPath
{
    public static double Ms(PipelineRunResult result, IReadOnlyList<CostRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(result);
        return rows.Where(r => !r.CacheHit).GroupBy(r => r.OccurredAtUtc).Sum(episode => (double)episode.Max(r => r.LatencyMs));
    }
}
