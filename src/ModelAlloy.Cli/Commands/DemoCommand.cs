using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelAlloy.Cli.Samples;
using ModelAlloy.Durable;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Worker;

namespace ModelAlloy.Cli.Commands;

/// <summary><c>alloy demo</c>: runs the sample orchestration end to end and prints its result and history.</summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddDurableTask(b => b.UseInMemoryBackend().AddTasks(TicketTriageSample.Register));
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await ((IHostedService)worker).StartAsync(cancellationToken);
        try
        {
            var client = provider.GetRequiredService<DurableTaskClient>();
            var ticket = new TicketTriageSample.Ticket("T-1001", "Our invoice shows a double charge and the refund page returns an error when we submit the form");
            var id = await client.ScheduleNewOrchestrationInstanceAsync(TicketTriageSample.Name, ticket, new StartOrchestrationOptions { InstanceId = "demo-" + ticket.Id }, cancellationToken);
            output.WriteLine($"Started orchestration '{TicketTriageSample.Name}' as instance '{id}' (in-memory backend, no model calls).");

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var final = await client.WaitForInstanceCompletionAsync(id, timeout.Token);
            var withHistory = await client.GetInstanceAsync(id, getInputsAndOutputs: true, includeHistory: true, cancellationToken);
            Print(output, withHistory!);
            return final.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
        }
        finally
        {
            await ((IHostedService)worker).StopAsync(CancellationToken.None);
        }
    }

    private static void Print(TextWriter output, OrchestrationMetadata state)
    {
        output.WriteLine($"Status:  {state.RuntimeStatus} in {(state.CompletedAt - state.CreatedAt)?.TotalMilliseconds:F0} ms");
        if (state.FailureDetails is { } failure)
        {
            output.WriteLine($"Failure: {failure}");
        }

        output.WriteLine($"Output:  {state.SerializedOutput}");
        var history = state.History!;
        output.WriteLine($"History: {history.Count} events in {history.Count(e => e is OrchestratorStarted)} episodes");
        foreach (var group in history.GroupBy(e => e.GetType().Name))
        {
            output.WriteLine($"  {group.Key,-26} {group.Count(),4}");
        }

        var retries = history.OfType<TaskFailed>().Count();
        output.WriteLine($"Retries: {retries} failed attempt(s) retried after a durable timer");
    }
}
