namespace ModelAlloy.Durable.Backend;

/// <summary>
/// Lets tests crash a backend between any two of its storage writes. A backend calls <see cref="BeforeWrite"/>
/// before every write that changes durable state; when armed, the call throws <see cref="InjectedFaultException"/>
/// as if the process had died at that point. Off (and free) unless a test arms it.
/// </summary>
public sealed class WriteFaultInjector
{
    /// <summary>
    /// The write points every backend announces, so tests can aim at one. A backend may announce more (its own
    /// names); these mark the steps of the crash-safe commit order of <see cref="IOrchestrationBackend"/>.
    /// </summary>
    public static class WritePoints
    {
        /// <summary>Creating an instance (client start).</summary>
        public const string Create = "create";

        /// <summary>Sending a client message (event, terminate, suspend, resume).</summary>
        public const string Send = "send";

        /// <summary>Enqueuing the activities of a commit.</summary>
        public const string CommitActivities = "commit.activities";

        /// <summary>Sending the messages (timers, child starts, results to a parent) of a commit.</summary>
        public const string CommitMessages = "commit.messages";

        /// <summary>Appending (or replacing) the history of a commit.</summary>
        public const string CommitHistory = "commit.history";

        /// <summary>Writing the instance status of a commit.</summary>
        public const string CommitStatus = "commit.status";

        /// <summary>Deleting the messages a commit consumed.</summary>
        public const string CommitConsume = "commit.consume";

        /// <summary>Sending an activity's result to its orchestration.</summary>
        public const string ActivityResult = "activity.result";

        /// <summary>Deleting a completed activity request.</summary>
        public const string ActivityConsume = "activity.consume";

        /// <summary>Deleting instances.</summary>
        public const string Purge = "purge";
    }

    private readonly Lock _gate = new();
    private Func<string, long, bool>? _shouldFail;
    private long _writes;

    /// <summary>How many writes the backend has announced so far.</summary>
    public long WriteCount => Interlocked.Read(ref _writes);

    /// <summary>Fails the writes for which <paramref name="shouldFail"/> (write point, write number) returns true.</summary>
    public void Arm(Func<string, long, bool> shouldFail)
    {
        lock (_gate)
        {
            _shouldFail = shouldFail;
        }
    }

    /// <summary>Stops failing writes.</summary>
    public void Disarm()
    {
        lock (_gate)
        {
            _shouldFail = null;
        }
    }

    /// <summary>Called by a backend before a write named <paramref name="writePoint"/> (e.g. "commit.history").</summary>
    /// <exception cref="InjectedFaultException">The injector is armed for this write.</exception>
    public void BeforeWrite(string writePoint)
    {
        var number = Interlocked.Increment(ref _writes);
        Func<string, long, bool>? shouldFail;
        lock (_gate)
        {
            shouldFail = _shouldFail;
        }

        if (shouldFail is not null && shouldFail(writePoint, number))
        {
            throw new InjectedFaultException(writePoint, number);
        }
    }
}

/// <summary>A simulated crash raised by <see cref="WriteFaultInjector"/>.</summary>
public sealed class InjectedFaultException(string writePoint, long writeNumber)
    : Exception($"Injected fault before write #{writeNumber} ({writePoint}).")
{
    /// <summary>The write that was prevented.</summary>
    public string WritePoint { get; } = writePoint;
}
