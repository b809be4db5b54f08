namespace ModelAlloy.Models;

/// <summary>Why an attempt failed; drives the policy (retry, fallback, larger context, stop).</summary>
public enum ModelFailureKind
{
    /// <summary>429: retried after Retry-After (or backoff).</summary>
    RateLimited,

    /// <summary>5xx or a dropped connection: retried with backoff.</summary>
    ServerError,

    /// <summary>No answer within the timeout: retried with backoff.</summary>
    Timeout,

    /// <summary>A body the client could not read: retried with backoff.</summary>
    MalformedResponse,

    /// <summary>The prompt does not fit: moves to a model with a larger context window.</summary>
    ContextLengthExceeded,

    /// <summary>The provider's content filter refused: next model in the chain.</summary>
    ContentFiltered,

    /// <summary>401/403: next model in the chain.</summary>
    Unauthorized,

    /// <summary>400/404/422: next model in the chain.</summary>
    BadRequest,

    /// <summary>The answer does not satisfy the request's JSON Schema: next model in the chain.</summary>
    InvalidStructuredOutput,

    /// <summary>The answer is empty: next model in the chain.</summary>
    EmptyAnswer,

    /// <summary>The model is cooling down after repeated failures; skipped without a call.</summary>
    CoolingDown,

    /// <summary>A budget is spent; stops (or downgrades when configured), without a call.</summary>
    BudgetExceeded,
}
