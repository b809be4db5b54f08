using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Hosting.Tests.Fakes;

namespace ModelAlloy.Hosting.Tests.Sidecar;

/// <summary>A completion wait wakes when a worker of the process commits the end, not at the next poll.</summary>
public sealed class CompletionWaitTests
{
    [Fact]
    public async Task A_wait_returns_on_the_local_commit_even_when_polling_would_take_an_hour()
    {
        await using SelfHostedDurableHost host = await Hosts.InMemoryAsync(
            r => r.AddOrchestratorFunc<int, int>("Double", async (context, n) =>
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
                return n * 2;
            }),
            o => o.CompletionPollInterval = TimeSpan.FromHours(1));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Double", 21);

        OrchestrationMetadata run = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());

        Assert.Equal((OrchestrationRuntimeStatus.Completed, 42), (run.RuntimeStatus, run.ReadOutputAs<int>()));
    }
}
