namespace ModelAlloy.Durable.AzureStorage.TestWorker;

/// <summary>Short timeouts so a killed worker's leases and messages come back within seconds.</summary>
public static class FaultWorkerOptions
{
    public static AzureStorageBackendOptions Apply(AzureStorageBackendOptions options, string connection, string hub)
    {
        options.ConnectionString = connection;
        options.TaskHubName = hub;
        options.PartitionCount = 4;
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
        options.ControlMessageVisibility = TimeSpan.FromSeconds(5);
        options.ActivityMessageVisibility = TimeSpan.FromSeconds(6);
        options.LeaseDuration = TimeSpan.FromSeconds(15);
        options.LeaseRenewInterval = TimeSpan.FromSeconds(1);
        options.MaxDequeueCount = 50; // kills are frequent here; this test is about recovery, not poison
        return options;
    }
}
