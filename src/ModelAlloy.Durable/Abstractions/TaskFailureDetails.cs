namespace ModelAlloy.Durable;

/// <summary>
/// A serializable description of a failure, carried from an activity to its orchestrator and from an
/// orchestrator to the client. Exceptions themselves never cross a durable boundary: only these details do.
/// </summary>
/// <param name="ErrorType">Full name of the exception type that caused the failure.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace where the failure was raised, if any.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
/// <param name="IsNonRetriable">True when the failing code said a retry cannot help.</param>
/// <param name="RetryAfter">The wait the failing code asked for before a retry (for example a 429's Retry-After).</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null,
    bool IsNonRetriable = false,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Creates details from an exception, including its inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException taskFailed)
        {
            // Keep the activity's own failure as the cause so the client sees the whole chain.
            return new TaskFailureDetails(
                exception.GetType().FullName!, exception.Message, exception.StackTrace, taskFailed.FailureDetails);
        }

        var inner = exception.InnerException is null ? null : FromException(exception.InnerException);
        return exception is ActivityFailureException hinted
            ? new TaskFailureDetails(hinted.ErrorType ?? exception.GetType().FullName!, exception.Message, exception.StackTrace, inner, hinted.IsNonRetriable, hinted.RetryAfter)
            : new TaskFailureDetails(exception.GetType().FullName!, exception.Message, exception.StackTrace, inner);
    }

    /// <summary>True when this failure or one of its causes has the exception type <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        for (var failure = this; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.ErrorType == typeof(T).FullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
