namespace ModelAlloy.Hosting.SelfHosted;

/// <summary>Options of the self-hosted durable worker.</summary>
public sealed class SelfHostedOptions
{
    /// <summary>Gets or sets where orchestration state lives.</summary>
    public DurableBackend Backend { get; set; } = DurableBackend.InMemory;

    /// <summary>
    /// Gets or sets whether this process runs orchestrations and activities. False makes a client only (start, query,
    /// raise events, terminate) on a task hub that other processes work on.
    /// </summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Gets or sets the storage account for <see cref="DurableBackend.AzureStorage"/>.</summary>
    public StorageConnection? Storage { get; set; }

    /// <summary>Gets or sets the task hub: processes on the same hub share its instances and work.</summary>
    public string TaskHubName { get; set; } = "ModelAlloy";

    /// <summary>Gets or sets the control-queue partitions of an Azure Storage task hub (1–16; fixed once the hub exists).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Gets or sets how many activities run at once in this process.</summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Gets or sets how many orchestration episodes run at once in this process.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Gets or sets the longest wait between two polls of an idle Azure Storage queue (DTFx default: 30 s).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long a dequeued message stays invisible; after a crash, its work reappears after this.</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets how often a completion wait polls for an instance another process may finish. Waits wake at once
    /// when this process commits the end (DTFx Azure Storage alone polls every 2 s).
    /// </summary>
    public TimeSpan CompletionPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets the partition lease duration; a crashed worker's partitions move after this.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often leases are renewed and free ones looked for.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets this worker's id in the partition leases (default: machine, process and a random suffix).</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>
    /// Gets or sets whether the sidecar keeps the history this process commits in memory, readable through
    /// <see cref="Sidecar.DurableSidecar.GetRecordedHistory"/> (DTFx in-memory cannot return history). For short-lived
    /// hosts: the demo, tests, one CLI run.
    /// </summary>
    public bool RecordHistory { get; set; }

    /// <summary>Gets or sets a fault for tests: see <see cref="Sidecar.SidecarServiceOptions.LoseActivityResult"/>.</summary>
    internal Func<string, bool>? LoseActivityResult { get; set; }

    internal void Validate()
    {
        if (!RunWorker && Backend == DurableBackend.InMemory)
        {
            throw new InvalidOperationException("a client-only host on the in-memory backend would never run anything: use the Azure Storage backend, or RunWorker = true");
        }

        if (Backend == DurableBackend.AzureStorage && Storage is null)
        {
            throw new InvalidOperationException("the Azure Storage backend needs a storage connection: set SelfHostedOptions.Storage (a connection string, 'UseDevelopmentStorage=true' for Azurite, or service URIs with a credential)");
        }

        if (string.IsNullOrWhiteSpace(TaskHubName) || TaskHubName.Length is < 3 or > 45 || !TaskHubName.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(TaskHubName[0]))
        {
            throw new InvalidOperationException($"task hub name '{TaskHubName}' is invalid: use 3–45 letters and digits, starting with a letter");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentActivities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentOrchestrations, 1);
    }
}
