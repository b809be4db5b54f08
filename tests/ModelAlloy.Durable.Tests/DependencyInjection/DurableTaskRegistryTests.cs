using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelAlloy.Durable.Worker;

namespace ModelAlloy.Durable.Tests.DependencyInjection;

public sealed class DurableTaskRegistryTests
{
    [Fact]
    public void Registering_an_orchestrator_name_twice_fails_naming_it_whatever_the_case()
    {
        var registry = new DurableTaskRegistry().AddOrchestrator<int, int>("Triage", (_, x) => Task.FromResult(x));

        var error = Assert.Throws<ArgumentException>(() => registry.AddOrchestrator<Greeter>("triage"));

        Assert.Contains("'triage'", error.Message);
        Assert.Contains("already registered", error.Message);
    }

    [Fact]
    public void Registering_an_activity_name_twice_fails_naming_it()
    {
        var registry = new DurableTaskRegistry().AddActivity<Shout>();

        var error = Assert.Throws<ArgumentException>(() => registry.AddActivity<string, string>("Shout", s => s));

        Assert.Contains("'Shout'", error.Message);
    }

    [Fact]
    public async Task Class_registrations_run_under_their_class_names_with_constructor_injection()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(new Punctuation("!"));
        services.AddDurableTask(b => b.UseInMemoryBackend().AddTasks(r => r.AddOrchestrator<Greeter>().AddActivity<Shout>()));
        await using var provider = services.BuildServiceProvider();
        var worker = (IHostedService)provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Greeter), "ada");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var result = await client.WaitForInstanceCompletionAsync(id, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            Assert.Equal("HELLO ADA!", result.ReadOutputAs<string>());
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private sealed record Punctuation(string Mark);

    private sealed class Greeter : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>(nameof(Shout), "hello " + input);
    }

    private sealed class Shout(Punctuation punctuation) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input, CancellationToken cancellationToken) =>
            Task.FromResult(input.ToUpperInvariant() + punctuation.Mark);
    }
}
