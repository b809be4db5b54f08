namespace ModelAlloy.Models;

/// <summary>A model call that ended without an acceptable answer; lists every attempt.</summary>
public sealed class ModelCallFailedException : ModelGatewayException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">A stable code from <see cref="ModelErrorCodes"/>.</param>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="attempts">Every attempt made.</param>
    /// <param name="escalateToHuman">Whether the chain asks for a human now.</param>
    public ModelCallFailedException(string errorCode, string message, IReadOnlyList<ModelAttemptSummary> attempts, bool escalateToHuman)
        : base(errorCode, message)
    {
        Attempts = attempts;
        EscalateToHuman = escalateToHuman;
    }

    /// <summary>Gets every attempt made, in order.</summary>
    public IReadOnlyList<ModelAttemptSummary> Attempts { get; }

    /// <summary>Gets whether the role's chain ends in human escalation.</summary>
    public bool EscalateToHuman { get; }
}
