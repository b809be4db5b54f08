namespace ModelAlloy.Testing.Azurite;

/// <summary>Azurite exited because one of its ports was taken (EADDRINUSE); a first start retries on other ports.</summary>
public sealed class AzuritePortInUseException(string message) : InvalidOperationException(message);
