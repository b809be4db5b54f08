namespace ModelAlloy.Durable.AzureStorage.TestWorker;

/// <summary>
/// Short timeouts so a killed worker's leases and messages come back within seconds. A test can change some of them
/// for one worker process through environment variables (<see cref="ControlVisibilityVariable"/>,
/// <see cref="MaxDequeueVariable"/>) and make it kill itself at a write point (<see cref="CrashAtVariable"/>, <see cref="CrashAtCountVariable"/>).
/// </summary>
public static class FaultWorkerOptions
{
    /// <summary>Seconds a received control message stays invisible (default 5).</summary>
    public const string ControlVisibilityVariable = "MODELALLOY_TEST_CONTROL_VISIBILITY_SECONDS";

    /// <summary>Deliveries before poison (default 50).</summary>
    public const string MaxDequeueVariable = "MODELALLOY_TEST_MAX_DEQUEUE";

    /// <summary>A write point (e.g. "commit.history"): the process SIGKILLs itself just before its first write there.</summary>
    public const string CrashAtVariable = "MODELALLOY_TEST_CRASH_AT";

    /// <summary>With <see cref="CrashAtVariable"/>: crash before the Nth write there instead of the first (default 1).</summary>
    public const string CrashAtCountVariable = "MODELALLOY_TEST_CRASH_AT_COUNT";

    /// <summary>"0" turns <see cref="AzureStorageBackendOptions.AnchorLocalActivities"/> off: every activity request is sent first.</summary>
    public const string AnchorVariable = "MODELALLOY_TEST_ANCHOR";

    public static AzureStorageBackendOptions Apply(AzureStorageBackendOptions options, string connection, string hub, bool fromEnvironment = false)
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
        if (fromEnvironment)
        {
            ApplyEnvironment(options);
        }

        return options;
    }

    private static void ApplyEnvironment(AzureStorageBackendOptions options)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(ControlVisibilityVariable), out var seconds))
        {
            options.ControlMessageVisibility = TimeSpan.FromSeconds(seconds);
        }

        if (Environment.GetEnvironmentVariable(AnchorVariable) == "0")
        {
            options.AnchorLocalActivities = false;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(MaxDequeueVariable), out var max))
        {
            options.MaxDequeueCount = max;
        }

        if (Environment.GetEnvironmentVariable(CrashAtVariable) is { Length: > 0 } point)
        {
            var remaining = int.TryParse(Environment.GetEnvironmentVariable(CrashAtCountVariable), out var nth) ? nth : 1;
            options.Faults.Arm((at, _) =>
            {
                if (at == point && Interlocked.Decrement(ref remaining) == 0)
                {
                    Console.WriteLine($"CRASHING before {at}");
                    Console.Out.Flush();
                    System.Diagnostics.Process.GetCurrentProcess().Kill(); // SIGKILL: no cleanup, leases and held messages abandoned
                }

                return false;
            });
        }
    }
}
