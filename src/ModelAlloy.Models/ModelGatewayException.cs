namespace ModelAlloy.Models;

/// <summary>
/// The one exception type the model gateway throws for domain failures. <see cref="ErrorCode"/> is stable
/// (see <see cref="ModelErrorCodes"/>) so callers can branch on it; the message says what to do.
/// </summary>
public class ModelGatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">A stable code from <see cref="ModelErrorCodes"/>.</param>
    /// <param name="message">An actionable message; never contains secrets.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ModelGatewayException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Gets the stable error code.</summary>
    public string ErrorCode { get; }
}
