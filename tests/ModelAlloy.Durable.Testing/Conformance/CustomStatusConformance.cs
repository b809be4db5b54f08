namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>SetCustomStatus: visible to clients while the instance runs, and bounded in size with a clear error.</summary>
public abstract class CustomStatusConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static readonly string TooLarge = new('x', TaskOrchestrationContext.MaxCustomStatusBytes + 1);

    [Fact]
    public async Task Custom_status_is_readable_by_the_client_while_the_instance_runs()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Reporter", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new Progress("waiting for approval", 40));
                return await ctx.WaitForExternalEvent<string>("approval");
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reporter", 0);
        var running = await host.WaitUntilAsync(id, s => s.SerializedCustomStatus is not null, "reporting progress");

        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal(new Progress("waiting for approval", 40), running.ReadCustomStatusAs<Progress>());
    }

    [Fact]
    public async Task Custom_status_over_the_limit_fails_the_orchestration_with_a_clear_error()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Oversized", (ctx, _) =>
            {
                ctx.SetCustomStatus(TooLarge);
                return Task.FromResult("unreachable");
            }));

        var result = await host.RunAsync("Oversized", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(ArgumentException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains($"the limit is {TaskOrchestrationContext.MaxCustomStatusBytes}", result.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Custom_status_over_the_limit_can_be_caught_and_the_previous_status_stays()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator<int, string>("Careful", (ctx, _) =>
            {
                ctx.SetCustomStatus("small");
                try
                {
                    ctx.SetCustomStatus(TooLarge);
                    return Task.FromResult("accepted");
                }
                catch (ArgumentException)
                {
                    return Task.FromResult("rejected");
                }
            }));

        var result = await host.RunAsync("Careful", 0);

        Assert.Equal("rejected", result.ReadOutputAs<string>());
        Assert.Equal("small", result.ReadCustomStatusAs<string>());
    }

    public sealed record Progress(string Step, int Percent);
}
