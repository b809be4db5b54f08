namespace ModelAlloy.Models;

/// <summary>A failure the simulated provider produces on purpose (429, 500).</summary>
internal sealed class SimulatedProviderException(int statusCode, string message, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
