using ModelAlloy.Durable.Testing.Conformance;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Durable.AzureStorage.Tests.Conformance;

// The engine's whole backend conformance suite on Azurite, in both delivery modes: the poll loop (partitioned
// control queues, leases) and single raw messages handed over as an Azure Functions queue trigger delivers them.

[Collection(AzuriteCollection.Name)]
public sealed class AzureActivityTests(AzuriteFixture azurite) : ActivityConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureActivitySingleMessageTests(AzuriteFixture azurite) : ActivityConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureBadInputTests(AzuriteFixture azurite) : BadInputConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureBadInputSingleMessageTests(AzuriteFixture azurite) : BadInputConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureClientControlTests(AzuriteFixture azurite) : ClientControlConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureClientControlSingleMessageTests(AzuriteFixture azurite) : ClientControlConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureClientLifecycleTests(AzuriteFixture azurite) : ClientLifecycleConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureClientLifecycleSingleMessageTests(AzuriteFixture azurite) : ClientLifecycleConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureContinueAsNewTests(AzuriteFixture azurite) : ContinueAsNewConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureContinueAsNewSingleMessageTests(AzuriteFixture azurite) : ContinueAsNewConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureCustomStatusTests(AzuriteFixture azurite) : CustomStatusConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureCustomStatusSingleMessageTests(AzuriteFixture azurite) : CustomStatusConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureDeterminismTests(AzuriteFixture azurite) : DeterminismConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureDeterminismSingleMessageTests(AzuriteFixture azurite) : DeterminismConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureDuplicateDeliveryTests(AzuriteFixture azurite) : DuplicateDeliveryConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureDuplicateDeliverySingleMessageTests(AzuriteFixture azurite) : DuplicateDeliveryConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureExternalEventTests(AzuriteFixture azurite) : ExternalEventConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureExternalEventSingleMessageTests(AzuriteFixture azurite) : ExternalEventConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureInstanceIdTests(AzuriteFixture azurite) : InstanceIdConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureInstanceIdSingleMessageTests(AzuriteFixture azurite) : InstanceIdConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureNonDeterminismTests(AzuriteFixture azurite) : NonDeterminismConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureNonDeterminismSingleMessageTests(AzuriteFixture azurite) : NonDeterminismConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

// A result can overtake its task's checkpoint only when the request is sent before it: activities run under an
// anchor start after the checkpoint, so this suite sends every request (as workers do for work they cannot run).
[Collection(AzuriteCollection.Name)]
public sealed class AzureOutOfOrderTests(AzuriteFixture azurite) : OutOfOrderConformance(new AzuriteBackendFactory(azurite, o => o.AnchorLocalActivities = false));

[Collection(AzuriteCollection.Name)]
public sealed class AzureOutOfOrderSingleMessageTests(AzuriteFixture azurite) : OutOfOrderConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzurePurgeTests(AzuriteFixture azurite) : PurgeConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzurePurgeSingleMessageTests(AzuriteFixture azurite) : PurgeConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureQueryTests(AzuriteFixture azurite) : QueryConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureQuerySingleMessageTests(AzuriteFixture azurite) : QueryConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureRetryTests(AzuriteFixture azurite) : RetryConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureRetrySingleMessageTests(AzuriteFixture azurite) : RetryConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureScaleTests(AzuriteFixture azurite) : ScaleConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureScaleSingleMessageTests(AzuriteFixture azurite) : ScaleConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;

    // The emulated queue trigger runs 4 handlers in one process, so a fan-in is one episode per few results (a
    // Functions app scales out instead). Full sizes run in poll mode above; here a fifth keeps the minute budget.
    protected override double ScaleFactor => 0.2;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureSubOrchestrationTests(AzuriteFixture azurite) : SubOrchestrationConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureSubOrchestrationSingleMessageTests(AzuriteFixture azurite) : SubOrchestrationConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureTimerTests(AzuriteFixture azurite) : TimerConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureTimerSingleMessageTests(AzuriteFixture azurite) : TimerConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureWriteFaultTests(AzuriteFixture azurite) : WriteFaultConformance(new AzuriteBackendFactory(azurite));

[Collection(AzuriteCollection.Name)]
public sealed class AzureWriteFaultSingleMessageTests(AzuriteFixture azurite) : WriteFaultConformance(new AzuriteBackendFactory(azurite))
{
    protected override bool ExternalDelivery => true;
}
