using ModelAlloy.Durable.History;

namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>
/// Orchestrator code that changes while an instance runs fails the instance with a message naming what history
/// expected and what the code did. The cache is off, so the next episode replays the new code over old history.
/// </summary>
public abstract class NonDeterminismConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    /// <summary>Which version of the orchestrator code runs; flipped by the test between episodes.</summary>
    private sealed class CodeVersion
    {
        public volatile int Current = 1;
    }

    private async Task<OrchestrationMetadata> RunChangingAsync(Func<TaskOrchestrationContext, int, Task<string>> code)
    {
        var version = new CodeVersion();
        await using var host = await StartHostAsync(r => r
            .AddActivity<int, int>("A", x => x)
            .AddActivity<int, int>("B", x => x)
            .AddOrchestrator<int, string>("Changing", (ctx, _) => code(ctx, version.Current)),
            o => o.OrchestrationCacheSize = 0);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing", 0);
        await host.WaitUntilAsync(id, s => s.SerializedCustomStatus is not null, "waiting for the event");
        version.Current = 2;
        await host.Client.RaiseEventAsync(id, "go");
        return await host.WaitAsync(id);
    }

    [Fact]
    public async Task Replaced_call_fails_the_instance_naming_the_expected_and_the_actual_call()
    {
        var result = await RunChangingAsync(async (ctx, version) =>
        {
            await ctx.CallActivityAsync<int>(version == 1 ? "A" : "B", 1);
            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<string>("go");
        });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("CallActivity 'A' (#0)", result.FailureDetails.ErrorMessage);
        Assert.Contains("CallActivity 'B' (#0)", result.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Removed_call_fails_the_instance_naming_the_recorded_call()
    {
        var result = await RunChangingAsync(async (ctx, version) =>
        {
            if (version == 1)
            {
                await ctx.CallActivityAsync<int>("A", 1);
            }

            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<string>("go");
        });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("CallActivity 'A' (#0)", result.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Added_call_fails_the_instance_naming_the_unrecorded_call()
    {
        var result = await RunChangingAsync(async (ctx, version) =>
        {
            if (version == 2)
            {
                await ctx.CallActivityAsync<int>("B", 1);
            }

            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<string>("go");
        });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("CallActivity 'B' (#0)", result.FailureDetails.ErrorMessage);
        Assert.DoesNotContain(result.History!, e => e is TaskScheduled);
    }

    [Fact]
    public async Task Timer_replaced_by_an_activity_fails_the_instance()
    {
        var result = await RunChangingAsync(async (ctx, version) =>
        {
            if (version == 1)
            {
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            }
            else
            {
                await ctx.CallActivityAsync<int>("A", 1);
            }

            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<string>("go");
        });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("CreateTimer (#0)", result.FailureDetails!.ErrorMessage);
        Assert.Contains("CallActivity 'A' (#0)", result.FailureDetails.ErrorMessage);
    }
}
