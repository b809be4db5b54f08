using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.Serialization;
using ModelAlloy.Durable.Worker;

namespace ModelAlloy.Durable.Tests.Client;

public sealed class CompletionWaitTests
{
    [Fact]
    public async Task Waiting_client_wakes_when_a_worker_of_its_process_commits_not_at_its_next_poll()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDurableTask(b => b.UseInMemoryBackend().AddTasks(r => r
            .AddOrchestrator<int, string>("AwaitsGo", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"))));
        await using var provider = services.BuildServiceProvider();
        var worker = (IHostedService)provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            // A client whose poll delays never elapse (its clock stands still): only the commit signal can wake it.
            var frozen = new DurableTaskClient(provider.GetRequiredService<IOrchestrationBackend>(), provider.GetRequiredService<DurableTaskRegistry>(),
                provider.GetRequiredService<DataConverter>(), new FakeTimeProvider(), provider.GetRequiredService<InstanceCommitSignals>());
            var id = await client.ScheduleNewOrchestrationInstanceAsync("AwaitsGo", 0);
            var waiting = frozen.WaitForInstanceCompletionAsync(id);

            await client.RaiseEventAsync(id, "go", "went");
            var done = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("went", done.ReadOutputAs<string>());
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
