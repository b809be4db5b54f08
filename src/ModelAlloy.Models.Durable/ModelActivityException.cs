namespace ModelAlloy.Models.Durable;

/// <summary>
/// How a model-call activity fails. The Durable Task SDK carries only an exception's type and message across the
/// wire, so the stable error code travels at the start of the message (<c>[MODEL_...] text</c>) and
/// <see cref="TryParse"/> recovers it in the orchestration. Failures with <see cref="ModelErrorCodes.StorageFailed"/>
/// are retried by the activity's retry policy; every other code is a gateway verdict and is not.
/// </summary>
public sealed class ModelActivityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">A stable code from <see cref="ModelErrorCodes"/>.</param>
    /// <param name="reason">What happened and what to do (never a secret).</param>
    /// <param name="innerException">The cause.</param>
    public ModelActivityException(string errorCode, string reason, Exception? innerException = null)
        : base($"[{errorCode}] {reason}", innerException)
    {
        ErrorCode = errorCode;
        Reason = reason;
    }

    /// <summary>Gets the stable error code.</summary>
    public string ErrorCode { get; }

    /// <summary>Gets the message without the code.</summary>
    public string Reason { get; }

    /// <summary>Recovers code and reason from a failed activity's message.</summary>
    /// <param name="failure">The failure details of the activity.</param>
    /// <param name="errorCode">The code.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>Whether the failure came from a model-call activity.</returns>
    public static bool TryParse(TaskFailureDetails failure, out string errorCode, out string reason)
    {
        ArgumentNullException.ThrowIfNull(failure);
        string message = failure.ErrorMessage ?? string.Empty;
        int end = message.IndexOf("] ", StringComparison.Ordinal);
        if (failure.IsCausedBy<ModelActivityException>() && message.StartsWith("[MODEL_", StringComparison.Ordinal) && end > 1)
        {
            errorCode = message[1..end];
            reason = message[(end + 2)..];
            return true;
        }

        errorCode = string.Empty;
        reason = message;
        return false;
    }
}
