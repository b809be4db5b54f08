using System.ComponentModel.DataAnnotations;
using Azure.Core;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>Options of the Azure Storage backend. Bound from configuration section <c>Durable:AzureStorage</c>.</summary>
public sealed class AzureStorageBackendOptions
{
    /// <summary>
    /// The task hub: every table, queue and container the backend uses starts with this name, so several hubs in one
    /// account never see each other's data. 3 to 40 letters and digits, starting with a letter. Case-insensitive, as
    /// table and queue names are: <c>MyHub</c> and <c>myhub</c> are the same hub.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,39}$", ErrorMessage = "Durable:AzureStorage:TaskHubName must be 3-40 letters or digits, starting with a letter.")]
    public string TaskHubName { get; set; } = "ModelAlloy";

    /// <summary>A storage connection string (Azurite: <c>UseDevelopmentStorage=true</c>). Leave empty to use service URIs and a credential.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service URI, used with <see cref="Credential"/> when no connection string is set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The Queue service URI, used with <see cref="Credential"/> when no connection string is set.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The Blob service URI, used with <see cref="Credential"/> when no connection string is set.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The credential for service URIs; <c>DefaultAzureCredential</c> when null.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Control queues (partitions). Each instance belongs to one; each partition is owned by one worker at a time.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Single-message mode: no poll loops and no partition leases; an Azure Functions queue trigger (or another driver)
    /// hands each message to <c>DurableTaskWorker.HandleMessageAsync</c>.
    /// </summary>
    public bool ExternalDelivery { get; set; }

    /// <summary>Upper bound of the idle poll back-off. Work sent by this process wakes its pollers at once regardless.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a received control message stays invisible; after a crash it comes back after this long.</summary>
    public TimeSpan ControlMessageVisibility { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a received activity message stays invisible; renewed while the activity runs.</summary>
    public TimeSpan ActivityMessageVisibility { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Activity requests packed into one queue message for other workers (those this worker runs itself go in one
    /// pack sized to its idle slots). Higher means fewer storage requests per activity; 1 spreads a fan-out widest.
    /// </summary>
    [Range(1, 100)]
    public int MaxActivitiesPerMessage { get; set; } = 8;

    /// <summary>
    /// Activities this worker runs itself get no queue message: the control message that started the episode is kept
    /// invisible (renewed) instead of deleted, and the history marks their tasks unsent; after a crash that message
    /// reappears and the tasks are sent again. Saves a send and a delete per activity (a chain step costs one history
    /// write). Off: every activity request is a queue message first.
    /// </summary>
    public bool AnchorLocalActivities { get; set; } = true;

    /// <summary>Deliveries after which a message is moved to the poison table and its instance (or task) failed.</summary>
    [Range(2, 100)]
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>Delay before a deferred or abandoned message is delivered again (grows with its delivery count, or with how long it has been deferred).</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a result may wait for the task it answers to appear in its instance's history before it is treated
    /// as poison. Such a result overtook its task's checkpoint; if the worker died before that checkpoint, the
    /// episode is retried once its message's <see cref="ControlMessageVisibility"/> runs out, so this must be longer.
    /// </summary>
    public TimeSpan DeferredMessageTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Partition lease length (15 to 60 s, a Blob service limit).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often leases are renewed and partitions rebalanced.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest visibility delay of one queue message; longer timers are chained. The service maximum is 7 days;
    /// tests lower it to exercise chaining.
    /// </summary>
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(6);

    /// <summary>Characters above which a string goes to a blob instead of a table property or queue message.</summary>
    [Range(1024, 30_000)]
    public int MaxInlineChars { get; set; } = 30_000;

    /// <summary>Concurrent connections to each storage service endpoint (requests beyond it wait for a free one).</summary>
    [Range(4, 1024)]
    public int MaxConnectionsPerService { get; set; } = 64;

    /// <summary>
    /// Adjusts the HTTP handler all storage clients of this backend share (a proxy, a private certificate authority,
    /// client certificates). Its connection limit is already set from <see cref="MaxConnectionsPerService"/>.
    /// </summary>
    public Action<System.Net.Http.SocketsHttpHandler>? ConfigureHttpHandler { get; set; }

    /// <summary>
    /// Turns on the Azure SDK's own per-request logging and distributed tracing for the storage clients (each storage
    /// call then shows as a dependency in Application Insights, queue polls included). Off by default: it costs CPU
    /// on every call of every episode.
    /// </summary>
    public bool StorageClientDiagnostics { get; set; }

    /// <summary>Counts storage requests; share one to measure a run.</summary>
    public StorageRequestCounter RequestCounter { get; set; } = new();

    /// <summary>Test hook: crash between writes.</summary>
    public WriteFaultInjector Faults { get; set; } = new();

    /// <summary>Identifies this worker in leases and logs.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
}
