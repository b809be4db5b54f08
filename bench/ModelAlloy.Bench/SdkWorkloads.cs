using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using ModelAlloy.Models;
using ModelAlloy.Models.Durable;

namespace ModelAlloy.Bench;

/// <summary>
/// The orchestrations the sidecar runs (Durable Task SDK programming model): the engine workloads, identical in shape
/// to <see cref="DtfxWorkloads"/>, and the chain of model calls of the overhead workload.
/// </summary>
internal static class SdkWorkloads
{
    public const string AddOne = "BenchAddOne";
    public const string FanOut = "BenchFanOutFanIn";
    public const string Chain = "BenchChain";
    public const string ModelChain = "BenchModelChain";
    public const string ModelId = "sim-fixed";
    public const string Role = "bench";

    /// <summary>
    /// The catalog of the overhead workload: one simulated model with a fixed latency, never failing. With
    /// <paramref name="storageConnection"/> the ledger and cooldowns live in its tables, as on a real Azure Storage worker.
    /// </summary>
    public static IConfiguration Catalog(int latencyMs, string? storageConnection)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ModelGateway:Models:{ModelId}:Provider"] = "Simulated",
            [$"ModelGateway:Models:{ModelId}:Prices:InputPerMillion"] = "1",
            [$"ModelGateway:Models:{ModelId}:Prices:OutputPerMillion"] = "4",
            [$"ModelGateway:Models:{ModelId}:ContextWindow"] = "128000",
            [$"ModelGateway:Models:{ModelId}:MaxOutputTokens"] = "1000",
            [$"ModelGateway:Models:{ModelId}:Simulation:LatencyMs"] = latencyMs.ToString(CultureInfo.InvariantCulture),
            [$"ModelGateway:Roles:{Role}:Chain:0"] = ModelId,
        };
        if (storageConnection is not null)
        {
            settings["AzureWebJobsStorage"] = storageConnection;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>(AddOne, async (_, x) =>
        {
            await EngineWork.DelayAsync();
            return x + 1;
        })
        .AddOrchestratorFunc<int, long>(FanOut, async (context, n) =>
        {
            var tasks = new Task<int>[n];
            for (int i = 0; i < n; i++)
            {
                tasks[i] = context.CallActivityAsync<int>(AddOne, i);
            }

            long sum = 0;
            foreach (int value in await Task.WhenAll(tasks))
            {
                sum += value;
            }

            return sum;
        })
        .AddOrchestratorFunc<int, long>(Chain, async (context, n) =>
        {
            int x = 0;
            for (int i = 0; i < n; i++)
            {
                x = await context.CallActivityAsync<int>(AddOne, x);
            }

            return x;
        })
        .AddOrchestratorFunc<int, ModelChainResult>(ModelChain, async (context, calls) =>
        {
            long modelMs = 0;
            int attempts = 0;
            for (int i = 0; i < calls; i++)
            {
                ModelCallResult result = await context.CallModelAsync(new ModelCallRequest
                {
                    Role = Role,
                    Messages = [ModelMessage.User($"step {i} of {context.InstanceId}")],
                    Pipeline = "bench",
                    TaskType = "overhead",
                });
                attempts += result.Attempts.Count;
                modelMs += result.Attempts.Sum(a => a.LatencyMs);
            }

            return new ModelChainResult(calls, attempts, modelMs);
        });
}

/// <summary>What the model chain returns: calls made, attempts taken and the model time the gateway measured around the provider.</summary>
internal sealed record ModelChainResult(int Calls, int Attempts, long ModelMs);
