using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Hosting.Tests.Fakes;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Hosting.Tests.Sidecar;

/// <summary>The sidecar over DTFx Azure Storage on Azurite: the defects its service handles, end to end.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageSidecarTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sub_orchestrations_complete_on_azure_storage()
    {
        await using SelfHostedDurableHost host = await Hosts.AzureAsync(azurite.ConnectionString, Hosts.NewHub(), r => r
            .AddOrchestratorFunc<int, int>("Parent", async (context, n) =>
            {
                int[] children = await Task.WhenAll(Enumerable.Range(1, n).Select(i => context.CallSubOrchestratorAsync<int>("Child", i)));
                return children.Sum();
            })
            .AddOrchestratorFunc<int, int>("Child", (context, i) => context.CallActivityAsync<int>("Square", i))
            .AddActivityFunc<int, int>("Square", (_, i) => i * i));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 3, new StartOrchestrationOptions { Tags = new Dictionary<string, string> { ["tenant"] = "contoso" } });

        OrchestrationMetadata run = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token(60));

        Assert.True(run.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.RuntimeStatus}: {run.FailureDetails?.ErrorMessage}");
        Assert.Equal(1 + 4 + 9, run.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Timers_with_a_fraction_of_a_second_never_fire_early_on_azure_storage()
    {
        await using SelfHostedDurableHost host = await Hosts.AzureAsync(azurite.ConnectionString, Hosts.NewHub(), r => r
            .AddOrchestratorFunc<int, double[]>("Waits", async (context, count) =>
            {
                var early = new List<double>();
                for (int i = 0; i < count; i++)
                {
                    DateTime fireAt = context.CurrentUtcDateTime.AddMilliseconds(1300 + (i * 350));
                    await context.CreateTimer(fireAt, CancellationToken.None);
                    early.Add((fireAt - context.CurrentUtcDateTime).TotalMilliseconds); // > 0: resumed before its time
                }

                return [.. early];
            }));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 3);

        OrchestrationMetadata run = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token(60));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.All(run.ReadOutputAs<double[]>()!, early => Assert.True(early <= 0, $"a timer fired {early} ms early"));
    }
}
