namespace ModelAlloy.Hosting.SelfHosted;

/// <summary>Where the self-hosted worker keeps orchestration state.</summary>
public enum DurableBackend
{
    /// <summary>DTFx's in-memory service: nothing to install, nothing survives the process (the embedded default).</summary>
    InMemory,

    /// <summary>DTFx's Azure Storage service (an account or Azurite): durable, shared by every process on the task hub.</summary>
    AzureStorage,
}
