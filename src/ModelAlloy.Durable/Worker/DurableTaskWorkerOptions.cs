using System.ComponentModel.DataAnnotations;

namespace ModelAlloy.Durable;

/// <summary>How a worker runs work. Bound from configuration section <c>Durable:Worker</c>.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Orchestration episodes run at once (each on its own instance).</summary>
    [Range(1, 1024)]
    public int MaxConcurrentOrchestrations { get; set; } = Environment.ProcessorCount * 4;

    /// <summary>Activities run at once.</summary>
    [Range(1, 4096)]
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount * 16;

    /// <summary>
    /// Live orchestrations kept in memory between episodes, so an episode does not replay history.
    /// 0 turns the cache off (every episode replays).
    /// </summary>
    [Range(0, 1_000_000)]
    public int OrchestrationCacheSize { get; set; } = 2048;

    /// <summary>When false the worker does not poll; work arrives only through <c>HandleMessageAsync</c> (Functions queue triggers).</summary>
    public bool EnablePolling { get; set; } = true;
}
