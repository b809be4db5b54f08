using Azure;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// The one exception type the Azure Storage backend raises for storage failures: carries the HTTP status and the
/// service's error code so callers can branch (<c>catch (DurableStorageException ex) when (ex.Status == 412)</c>).
/// </summary>
public sealed class DurableStorageException : Exception
{
    /// <summary>Wraps a storage SDK failure, naming the operation that failed.</summary>
    public DurableStorageException(string operation, RequestFailedException inner)
        : base($"Azure Storage operation '{operation}' failed with {inner.Status} ({inner.ErrorCode ?? "no error code"}): {FirstLine(inner.Message)}{HintFor(inner.Status)}", inner)
    {
        Operation = operation;
        Status = inner.Status;
        ErrorCode = inner.ErrorCode;
    }

    /// <summary>What the backend was doing (for example "history.checkpoint").</summary>
    public string Operation { get; }

    /// <summary>The HTTP status (0 when the request never got a response).</summary>
    public int Status { get; }

    /// <summary>The storage service's error code (for example "UpdateConditionNotSatisfied"), if any.</summary>
    public string? ErrorCode { get; }

    private static string HintFor(int status) => status is 401 or 403
        ? " The account refused the key or token: check the connection string, or that the identity holds the 'Storage Table Data Contributor', " +
          "'Storage Queue Data Contributor' and 'Storage Blob Data Contributor' roles on the account (a token must be for https://storage.azure.com)."
        : "";

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end].TrimEnd();
    }
}
