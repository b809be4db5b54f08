using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;
using ModelAlloy.Hosting.SelfHosted.Sidecar;

namespace ModelAlloy.Hosting.SelfHosted.Backends;

/// <summary>Creates the DTFx orchestration service for a backend, wrapped in the sidecar's fix-ups.</summary>
internal static class OrchestrationServiceFactory
{
    public static async Task<SidecarOrchestrationService> CreateAsync(SelfHostedOptions options, ILoggerFactory loggerFactory)
    {
        options.Validate();
        var sidecar = new SidecarServiceOptions
        {
            MaxConcurrentActivities = options.MaxConcurrentActivities,
            MaxConcurrentOrchestrations = options.MaxConcurrentOrchestrations,
            AlignTimersToWholeSeconds = options.Backend == DurableBackend.AzureStorage,
            RecordHistory = options.RecordHistory,
            LoseActivityResult = options.LoseActivityResult,
            CompletionPollInterval = options.CompletionPollInterval,
        };
        if (options.Backend == DurableBackend.InMemory)
        {
            return new SidecarOrchestrationService(new InMemoryOrchestrationService(loggerFactory), sidecar);
        }

        var service = new AzureStorageOrchestrationService(AzureStorageSettings(options, loggerFactory));
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        return new SidecarOrchestrationService(service, sidecar);
    }

    /// <summary>The DTFx Azure Storage settings the options stand for (the bench gives DTFx's own worker the same).</summary>
    internal static AzureStorageOrchestrationServiceSettings AzureStorageSettings(SelfHostedOptions options, ILoggerFactory loggerFactory)
    {
        StorageConnection storage = options.Storage!;
        StorageAccountClientProvider clients = storage.ConnectionString is { } cs
            ? new StorageAccountClientProvider(cs)
            : new StorageAccountClientProvider(storage.BlobServiceUri!, storage.QueueServiceUri!, storage.TableServiceUri!, storage.Credential!);
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            StorageAccountClientProvider = clients,
            PartitionCount = options.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = options.LeaseRenewInterval,
            LeaseAcquireInterval = options.LeaseRenewInterval,
            WorkerId = options.WorkerId,
            LoggerFactory = loggerFactory,
        };
    }
}
