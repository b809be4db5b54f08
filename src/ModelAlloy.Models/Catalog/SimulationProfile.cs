namespace ModelAlloy.Models;

/// <summary>
/// Behaviour of a simulated model. Every draw is deterministic per (model, prompt, attempt), so a
/// scenario replays identically; rates are probabilities in [0, 1].
/// </summary>
public sealed class SimulationProfile
{
    /// <summary>Gets or sets the simulated latency in milliseconds.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Gets or sets the probability of a 429 with Retry-After.</summary>
    public double RateLimitRate { get; set; }

    /// <summary>Gets or sets the probability of a 500.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Gets or sets the probability of a timeout.</summary>
    public double TimeoutRate { get; set; }

    /// <summary>Gets or sets the answer quality in [0, 1]: the probability that an answer is usable (not empty, valid JSON when asked).</summary>
    public double Quality { get; set; } = 1.0;

    /// <summary>Gets or sets the Retry-After, in seconds, that a simulated 429 carries.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
