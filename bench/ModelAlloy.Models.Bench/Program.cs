using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelAlloy.Models;
using ModelAlloy.Models.Bench;
using OpenAI;
using OpenAI.Chat;

// Gateway overhead per call: the same request through the bare OpenAI SDK ChatClient and through the gateway
// (plan, policy loop, attempt executor, usage, cost, quality checks, logging) against the same loopback server.
// Storage writes are excluded: the ledger and cooldown store are no-ops. Calls alternate so drift hits both sides.
//   dotnet run -c Release --project bench/ModelAlloy.Models.Bench -- [--calls 3000]
int calls = args.SkipWhile(a => a != "--calls").Skip(1).Select(int.Parse).FirstOrDefault(3000);
const string KeyVariable = "BENCH_KEY";
await using LoopbackModelServer server = await LoopbackModelServer.StartAsync();

var sdkOptions = new OpenAIClientOptions { Endpoint = server.BaseUri, RetryPolicy = new ClientRetryPolicy(0) };
using var sdkHttp = new HttpClient();
sdkOptions.Transport = new HttpClientPipelineTransport(sdkHttp);
var sdk = new ChatClient("bench-model", new ApiKeyCredential("bench-key-0123456789"), sdkOptions);
ChatMessage[] sdkMessages = [new SystemChatMessage("Classify the ticket."), new UserChatMessage("I was charged twice this month")];

var model = new ModelDefinition
{
    Id = "bench-model", Provider = ModelProviderKind.OpenAICompatible, Endpoint = server.BaseUri.ToString(),
    Credential = CredentialSource.EnvironmentVariable, ApiKeyEnvironmentVariable = KeyVariable,
    Prices = new ModelPrices { InputPerMillion = 0.15m, OutputPerMillion = 0.6m }, ContextWindow = 128_000, MaxOutputTokens = 1024,
};
var options = new ModelGatewayOptions();
options.Models[model.Id] = model;
var catalog = new ModelCatalog(Options.Create(options));
var redactor = new SecretRedactor();
TimeProvider time = TimeProvider.System;
using var clients = new ChatClientRegistry(new FixedSecret(KeyVariable, "bench-key-0123456789"), redactor, time);
var executor = new ModelAttemptExecutor(catalog, clients, new NullLedger(), new NullCooldowns(), redactor, time, NullLogger<ModelAttemptExecutor>.Instance);
IModelGateway gateway = new ModelGateway(executor, time);
var request = new ModelCallRequest
{
    Model = model.Id, Messages = [ModelMessage.System("Classify the ticket."), ModelMessage.User("I was charged twice this month")], TaskType = "classify",
};

async Task<double> TimeAsync(Func<Task> call)
{
    long start = Stopwatch.GetTimestamp();
    await call();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

Func<Task> direct = async () => await sdk.CompleteChatAsync(sdkMessages);
Func<Task> viaGateway = async () => await gateway.CallAsync(request);
for (int i = 0; i < 300; i++)
{
    await direct();
    await viaGateway();
}

var sdkTimes = new List<double>(calls);
var gatewayTimes = new List<double>(calls);
var deltas = new List<double>(calls);
for (int i = 0; i < calls; i++)
{
    double a = await TimeAsync(direct);
    double b = await TimeAsync(viaGateway);
    sdkTimes.Add(a);
    gatewayTimes.Add(b);
    deltas.Add(b - a);
}

static double P(List<double> values, double q)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(q * (sorted.Count - 1)))];
}

string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
Console.WriteLine($"calls per side: {calls} (after 300 warm-up pairs), loopback {server.BaseUri}");
Console.WriteLine($"{"",-22} {"p50 ms",9} {"p90 ms",9} {"p99 ms",9}");
Console.WriteLine($"{"OpenAI SDK direct",-22} {F(P(sdkTimes, .5)),9} {F(P(sdkTimes, .9)),9} {F(P(sdkTimes, .99)),9}");
Console.WriteLine($"{"through the gateway",-22} {F(P(gatewayTimes, .5)),9} {F(P(gatewayTimes, .9)),9} {F(P(gatewayTimes, .99)),9}");
Console.WriteLine($"{"added (paired delta)",-22} {F(P(deltas, .5)),9} {F(P(deltas, .9)),9} {F(P(deltas, .99)),9}");
Console.WriteLine($"p50 added: {F(P(gatewayTimes, .5) - P(sdkTimes, .5))} ms (difference of medians), {F(P(deltas, .5))} ms (median of paired differences); target < 1 ms");

internal sealed class FixedSecret(string name, string value) : ISecretSource
{
    public string? Get(string n) => n == name ? value : null;
}

internal sealed class NullLedger : ICostLedger
{
    public Task<bool> RecordAsync(CostRecord record, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public async IAsyncEnumerable<CostRecord> QueryAsync(DateOnly from, DateOnly to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<decimal> GetRunSpendAsync(string runId, CancellationToken cancellationToken = default) => Task.FromResult(0m);

    public Task<decimal> GetDailySpendAsync(string pipeline, DateOnly day, CancellationToken cancellationToken = default) => Task.FromResult(0m);
}

internal sealed class NullCooldowns : ICooldownStore
{
    public Task<DateTimeOffset?> GetCooldownAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default) => Task.FromResult<DateTimeOffset?>(null);

    public Task<DateTimeOffset?> RecordFailureAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default) => Task.FromResult<DateTimeOffset?>(null);

    public Task RecordSuccessAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
