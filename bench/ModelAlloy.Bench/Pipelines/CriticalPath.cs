using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>
/// The model time a run cannot avoid: its ledger rows' latencies (as the gateway measured them around the provider
/// call), summed along the stages in order, except that the fan-out calls of an ensemble or parallel stage (every call
/// but the synthesizer's) count once, as their slowest call; a call's retries and fallbacks are sequential and add
/// up. Wall time minus this is the orchestration's overhead.
/// </summary>
internal static class CriticalPath
{
    private static readonly HashSet<string> FanOutKinds = new(StringComparer.Ordinal) { "ensemble", "parallel" };

    public static double Ms(PipelineRunResult result, IReadOnlyList<CostRecord> rows)
    {
        double total = 0;
        foreach (StageRecord stage in result.Stages)
        {
            List<CostRecord> stageRows = rows.Where(r => r.Stage == stage.StageId && !r.CacheHit).ToList();
            if (!FanOutKinds.Contains(stage.Kind))
            {
                total += stageRows.Sum(r => r.LatencyMs);
                continue;
            }

            var fanOut = stageRows.Where(r => r.TaskType != "synthesize").GroupBy(Call).Select(call => call.Sum(r => r.LatencyMs)).ToList();
            total += (fanOut.Count == 0 ? 0 : fanOut.Max()) + stageRows.Where(r => r.TaskType == "synthesize").Sum(r => r.LatencyMs);
        }

        return total;
    }

    /// <summary>The call (run and sequence) an attempt belongs to: the call id without its attempt number.</summary>
    private static string Call(CostRecord row) => row.CallId[..row.CallId.LastIndexOf('|')];
}
