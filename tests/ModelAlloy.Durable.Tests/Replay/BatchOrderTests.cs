using ModelAlloy.Durable.Testing;
using ModelAlloy.Durable.Tests.InMemory;

namespace ModelAlloy.Durable.Tests.Replay;

public sealed class BatchOrderTests
{
    [Fact]
    public async Task Suspension_sent_while_pending_holds_a_start_that_arrives_in_the_same_batch()
    {
        // The worker is not running yet, so the start and the suspend wait in the inbox and arrive as one batch.
        await using var host = await DurableTestHost.CreateAsync(new InMemoryBackendFactory(), r => r
            .AddOrchestrator<int, string>("Quick", (_, _) => Task.FromResult("ran")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 0);
        await host.Client.SuspendInstanceAsync(id);

        await host.StartAsync();
        var held = await host.WaitUntilAsync(id, s => s.RuntimeStatus != OrchestrationRuntimeStatus.Pending);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, held.RuntimeStatus);
        await host.Client.ResumeInstanceAsync(id);
        var result = await host.WaitAsync(id);
        Assert.Equal("ran", result.ReadOutputAs<string>());
    }
}
