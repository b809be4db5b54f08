namespace ModelAlloy.Models;

/// <summary>A classified attempt failure; serializable, with secrets already removed from the message.</summary>
/// <param name="Kind">The classification.</param>
/// <param name="Message">What happened, redacted.</param>
/// <param name="StatusCode">The HTTP status, when there was one.</param>
/// <param name="RetryAfter">The provider's Retry-After hint, when there was one.</param>
/// <param name="ErrorCode">A gateway error code for budget failures (see <see cref="ModelErrorCodes"/>).</param>
public sealed record ModelCallFailure(
    ModelFailureKind Kind,
    string Message,
    int? StatusCode = null,
    TimeSpan? RetryAfter = null,
    string? ErrorCode = null)
{
    /// <summary>Gets whether the same model may be tried again after a wait.</summary>
    public bool IsTransient => Kind is ModelFailureKind.RateLimited or ModelFailureKind.ServerError
        or ModelFailureKind.Timeout or ModelFailureKind.MalformedResponse;

    /// <summary>Gets whether the failure counts toward the model's cooldown.</summary>
    public bool CountsTowardCooldown => IsTransient || Kind == ModelFailureKind.Unauthorized;
}
