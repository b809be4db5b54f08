using ModelAlloy.Testing.Azurite;
using Xunit.Abstractions;

namespace ModelAlloy.Durable.AzureStorage.Tests.Backend;

/// <summary>Activities a worker runs itself, without queue messages, under their instance's anchor.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnchoredActivityTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_chain_step_run_here_costs_no_queue_message_unless_anchoring_is_off(bool anchor)
    {
        var (host, backend) = await AzureHost.StartAsync(azurite, r => ChainWorkload.Register(r), o => o.AnchorLocalActivities = anchor);
        await using var _ = host;
        await host.RunAsync("Chain", 1); // leases, resources, JIT

        backend.RequestCounter.Reset();
        Assert.Equal(20, (await host.RunAsync("Chain", 20)).ReadOutputAs<int>());
        var operations = backend.RequestCounter.ByOperation;
        var sends = operations.GetValueOrDefault("queue send");
        var deletes = operations.GetValueOrDefault("queue delete");
        output.WriteLine($"anchor={anchor}: " + string.Join(", ", operations.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));

        if (anchor)
        {
            // The start message is sent, kept as the anchor for all 20 steps, and deleted at the end.
            Assert.Equal(1, sends);
            Assert.Equal(1, deletes);
        }
        else
        {
            Assert.True(sends >= 21 && deletes >= 21, $"{sends} sends, {deletes} deletes: every request should be a queue message.");
        }
    }

    [Fact]
    public async Task An_activity_outlasting_the_control_message_visibility_runs_once_and_its_anchor_is_not_taken_for_poison()
    {
        // The anchor (the start message) would reappear every second without renewal, and after two deliveries it
        // would count as poison: the instance must instead complete, with the activity run once.
        var runs = 0;
        var (host, backend) = await AzureHost.StartAsync(azurite, r => r
            .AddActivity<int, int>("Slow", async (_, x) =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(TimeSpan.FromSeconds(5));
                return x + 1;
            })
            .AddOrchestrator<int, int>("OneSlowStep", (ctx, x) => ctx.CallActivityAsync<int>("Slow", x)),
            o =>
            {
                o.ControlMessageVisibility = TimeSpan.FromSeconds(1);
                o.MaxDequeueCount = 2;
            });
        await using var _ = host;

        var final = await host.RunAsync("OneSlowStep", 41);

        Assert.True(final.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}");
        Assert.Equal(42, final.ReadOutputAs<int>());
        Assert.Equal(1, runs);
        Assert.True(backend.RequestCounter.ByOperation.GetValueOrDefault("queue update") >= 2, "The anchor was never renewed.");
    }
}
