using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using ModelAlloy.Models;
using ModelAlloy.Models.Durable;

namespace ModelAlloy.Hosting.TestWorker;

/// <summary>The fault tests' workload: a chain of model calls on a slow simulated model, so a kill lands mid-call.</summary>
public static class ModelChain
{
    public const string Name = "ModelChain";

    /// <summary>The catalog: one simulated model with a fixed latency, one role.</summary>
    public static IConfiguration Catalog(string storageConnection, int latencyMs) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = storageConnection,
        ["ModelGateway:Models:sim-slow:Provider"] = "Simulated",
        ["ModelGateway:Models:sim-slow:Prices:InputPerMillion"] = "1",
        ["ModelGateway:Models:sim-slow:Prices:OutputPerMillion"] = "4",
        ["ModelGateway:Models:sim-slow:ContextWindow"] = "128000",
        ["ModelGateway:Models:sim-slow:MaxOutputTokens"] = "1000",
        ["ModelGateway:Models:sim-slow:Simulation:LatencyMs"] = latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ModelGateway:Roles:chat:Chain:0"] = "sim-slow",
    }).Build();

    public static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<int, ChainResult>(Name, async (context, calls) =>
        {
            var callIds = new List<string>();
            decimal cost = 0;
            for (int i = 0; i < calls; i++)
            {
                ModelCallResult result = await context.CallModelAsync(new ModelCallRequest
                {
                    Role = "chat",
                    Messages = [ModelMessage.User($"step {i} of {context.InstanceId}")],
                    Pipeline = "fault-test",
                    TaskType = "chain",
                });
                callIds.AddRange(result.Attempts.Select(a => a.CallId));
                cost += result.TotalCostUsd;
            }

            return new ChainResult(callIds, cost);
        });
}

/// <summary>What a chain returns: every attempt's call id and the total cost it saw.</summary>
public sealed record ChainResult(IReadOnlyList<string> CallIds, decimal TotalCostUsd);
