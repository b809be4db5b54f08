namespace ModelAlloy.Durable;

/// <summary>Stable error codes for engine failures a caller may branch on.</summary>
public static class DurableErrorCodes
{
    /// <summary>An instance id is empty, too long or has characters that cannot become a storage key.</summary>
    public const string InvalidInstanceId = "InvalidInstanceId";

    /// <summary>An instance with this id already exists and is not finished.</summary>
    public const string InstanceAlreadyExists = "InstanceAlreadyExists";

    /// <summary>No instance has this id.</summary>
    public const string InstanceNotFound = "InstanceNotFound";

    /// <summary>The instance is in a state that does not allow the operation.</summary>
    public const string InvalidInstanceState = "InvalidInstanceState";

    /// <summary>A value could not be serialized or deserialized.</summary>
    public const string SerializationFailed = "SerializationFailed";

    /// <summary>No orchestrator or activity is registered under this name.</summary>
    public const string NameNotRegistered = "NameNotRegistered";

    /// <summary>The orchestrator's calls did not match its history.</summary>
    public const string NonDeterministic = "NonDeterministic";
}

/// <summary>An engine error with a stable <see cref="ErrorCode"/> and a message a person can act on.</summary>
public class DurableTaskException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DurableTaskException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException) => ErrorCode = errorCode;

    /// <summary>One of <see cref="DurableErrorCodes"/>.</summary>
    public string ErrorCode { get; }
}

/// <summary>The orchestrator did not replay the calls its history records: its code changed or is not deterministic.</summary>
public sealed class NonDeterministicOrchestrationException : DurableTaskException
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(DurableErrorCodes.NonDeterministic, message)
    {
    }
}
