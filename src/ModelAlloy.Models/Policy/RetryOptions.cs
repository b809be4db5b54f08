namespace ModelAlloy.Models;

/// <summary>Retry policy for transient failures (429, 5xx, timeouts, malformed responses) on one model.</summary>
public sealed class RetryOptions
{
    /// <summary>Gets or sets the attempts per model before moving down the chain (at least 1).</summary>
    public int MaxAttemptsPerModel { get; set; } = 3;

    /// <summary>Gets or sets the first wait between attempts.</summary>
    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the backoff coefficient (at least 1).</summary>
    public double BackoffCoefficient { get; set; } = 2.0;

    /// <summary>Gets or sets the longest computed backoff.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the longest Retry-After the gateway will wait for; a longer one moves to the next model instead.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}
