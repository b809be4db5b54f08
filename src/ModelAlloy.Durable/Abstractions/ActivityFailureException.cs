namespace ModelAlloy.Durable;

/// <summary>
/// Thrown by an activity to fail with retry hints: that a retry cannot help (<see cref="IsNonRetriable"/>),
/// or how long to wait before the next attempt (<see cref="RetryAfter"/>, for example from a 429 response).
/// A <see cref="RetryPolicy"/> honours both.
/// </summary>
public sealed class ActivityFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, in words a person can act on.</param>
    /// <param name="errorType">A stable error type to report instead of this exception's type name.</param>
    /// <param name="isNonRetriable">True when retrying cannot succeed.</param>
    /// <param name="retryAfter">The minimum wait before a retry.</param>
    /// <param name="innerException">The cause.</param>
    public ActivityFailureException(string message, string? errorType = null, bool isNonRetriable = false, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorType = errorType;
        IsNonRetriable = isNonRetriable;
        RetryAfter = retryAfter;
    }

    /// <summary>A stable error type reported in <see cref="TaskFailureDetails.ErrorType"/>, or null for this type's name.</summary>
    public string? ErrorType { get; }

    /// <summary>True when retrying cannot succeed.</summary>
    public bool IsNonRetriable { get; }

    /// <summary>The minimum wait before the next attempt, if the failing code knows it.</summary>
    public TimeSpan? RetryAfter { get; }
}
