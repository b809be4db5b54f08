using ModelAlloy.Durable.Testing.Conformance;

namespace ModelAlloy.Durable.Tests.InMemory;

// The backend conformance suite on the in-memory backend, in both delivery modes: the poll loop, and single raw
// messages handed to the worker the way an Azure Functions queue trigger delivers them.

public sealed class InMemoryActivityTests() : ActivityConformance(new InMemoryBackendFactory());

public sealed class InMemoryActivitySingleMessageTests() : ActivityConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryBadInputTests() : BadInputConformance(new InMemoryBackendFactory());

public sealed class InMemoryBadInputSingleMessageTests() : BadInputConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryClientControlTests() : ClientControlConformance(new InMemoryBackendFactory());

public sealed class InMemoryClientControlSingleMessageTests() : ClientControlConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryClientLifecycleTests() : ClientLifecycleConformance(new InMemoryBackendFactory());

public sealed class InMemoryClientLifecycleSingleMessageTests() : ClientLifecycleConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryContinueAsNewTests() : ContinueAsNewConformance(new InMemoryBackendFactory());

public sealed class InMemoryContinueAsNewSingleMessageTests() : ContinueAsNewConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryCustomStatusTests() : CustomStatusConformance(new InMemoryBackendFactory());

public sealed class InMemoryCustomStatusSingleMessageTests() : CustomStatusConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryDeterminismTests() : DeterminismConformance(new InMemoryBackendFactory());

public sealed class InMemoryDeterminismSingleMessageTests() : DeterminismConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryDuplicateDeliveryTests() : DuplicateDeliveryConformance(new InMemoryBackendFactory());

public sealed class InMemoryDuplicateDeliverySingleMessageTests() : DuplicateDeliveryConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryExternalEventTests() : ExternalEventConformance(new InMemoryBackendFactory());

public sealed class InMemoryExternalEventSingleMessageTests() : ExternalEventConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryInstanceIdTests() : InstanceIdConformance(new InMemoryBackendFactory());

public sealed class InMemoryInstanceIdSingleMessageTests() : InstanceIdConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryNonDeterminismTests() : NonDeterminismConformance(new InMemoryBackendFactory());

public sealed class InMemoryNonDeterminismSingleMessageTests() : NonDeterminismConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryOutOfOrderTests() : OutOfOrderConformance(new InMemoryBackendFactory());

public sealed class InMemoryOutOfOrderSingleMessageTests() : OutOfOrderConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryPurgeTests() : PurgeConformance(new InMemoryBackendFactory());

public sealed class InMemoryPurgeSingleMessageTests() : PurgeConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryQueryTests() : QueryConformance(new InMemoryBackendFactory());

public sealed class InMemoryQuerySingleMessageTests() : QueryConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryRetryTests() : RetryConformance(new InMemoryBackendFactory());

public sealed class InMemoryRetrySingleMessageTests() : RetryConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryScaleTests() : ScaleConformance(new InMemoryBackendFactory());

public sealed class InMemoryScaleSingleMessageTests() : ScaleConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemorySubOrchestrationTests() : SubOrchestrationConformance(new InMemoryBackendFactory());

public sealed class InMemorySubOrchestrationSingleMessageTests() : SubOrchestrationConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryTimerTests() : TimerConformance(new InMemoryBackendFactory());

public sealed class InMemoryTimerSingleMessageTests() : TimerConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}

public sealed class InMemoryWriteFaultTests() : WriteFaultConformance(new InMemoryBackendFactory());

public sealed class InMemoryWriteFaultSingleMessageTests() : WriteFaultConformance(new InMemoryBackendFactory())
{
    protected override bool ExternalDelivery => true;
}
