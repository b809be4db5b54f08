using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Hosting.Tests.Fakes;

namespace ModelAlloy.Hosting.Tests.Sidecar;

/// <summary>
/// DTFx in-memory lets <c>Environment.ProcessorCount</c> activities run at once and the sidecar sleeps 500 ms whenever
/// they are all busy. The sidecar's service takes the limit from the options instead. Measured without timing: every
/// activity of a fan-out waits at a rendezvous until all of them have arrived, which only happens if all run at once.
/// </summary>
public sealed class ConcurrencyTests
{
    private const string FanOut = "RendezvousFanOut";
    private const string Rendezvous = "Rendezvous";
    private static readonly ConcurrentDictionary<string, int> Arrived = new();

    [Fact]
    public async Task Every_activity_of_a_wide_fan_out_runs_at_once_far_beyond_the_processor_count()
    {
        int width = Math.Max(32, Environment.ProcessorCount * 8);
        await using SelfHostedDurableHost host = await Hosts.InMemoryAsync(Register);

        bool[] met = await RunAsync(host, "wide", width, waitMs: 20_000);

        Assert.All(met, Assert.True);
    }

    [Fact]
    public async Task The_limit_is_the_configured_one()
    {
        await using SelfHostedDurableHost host = await Hosts.InMemoryAsync(Register, o => o.MaxConcurrentActivities = 4);

        bool[] met = await RunAsync(host, "capped", width: 8, waitMs: 1_000);

        Assert.Contains(false, met); // four at a time can never all meet eight
    }

    private static async Task<bool[]> RunAsync(SelfHostedDurableHost host, string key, int width, int waitMs)
    {
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(FanOut, new Meeting(key + Guid.NewGuid().ToString("N"), width, waitMs));
        OrchestrationMetadata run = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token(60));
        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.RuntimeStatus}: {run.FailureDetails?.ErrorMessage}");
        return run.ReadOutputAs<bool[]>()!;
    }

    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<Meeting, bool[]>(FanOut, (context, meeting) =>
            Task.WhenAll(Enumerable.Range(0, meeting.Width).Select(_ => context.CallActivityAsync<bool>(Rendezvous, meeting))))
        .AddActivityFunc<Meeting, bool>(Rendezvous, async (_, meeting) =>
        {
            Arrived.AddOrUpdate(meeting.Key, 1, (_, n) => n + 1);
            var deadline = DateTime.UtcNow.AddMilliseconds(meeting.WaitMs);
            while (Arrived[meeting.Key] < meeting.Width && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            return Arrived[meeting.Key] >= meeting.Width;
        });

    public sealed record Meeting(string Key, int Width, int WaitMs);
}
