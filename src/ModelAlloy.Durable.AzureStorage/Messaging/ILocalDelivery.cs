namespace ModelAlloy.Durable.AzureStorage;

/// <summary>How the sender hands work to this process's own dispatchers.</summary>
internal interface ILocalDelivery
{
    /// <summary>
    /// When this process will run the message itself (it owns the partition, or an activity slot is idle), how long to
    /// keep the sent message invisible; null to send it visible for any worker.
    /// </summary>
    TimeSpan? TryHold(MessageEnvelope envelope, int? partition);

    /// <summary>Hands a message sent invisible (with its receipt) to the local dispatcher.</summary>
    void Deliver(ReceivedMessage message, int? partition);

    /// <summary>Wakes the local poller of the queue a visible message went to.</summary>
    void Wake(int? partition);
}
