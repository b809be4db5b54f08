using Microsoft.Extensions.Logging;
using ModelAlloy.Hosting;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Hosting.TestWorker;

// Usage: TestWorker <storage connection> <task hub> [latency ms] [pipelines folder]. Prints READY once the worker runs,
// then works until killed. With a pipelines folder it also runs the pipelines there (PipelineChain's workload).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ModelAlloy.Hosting.TestWorker <storage connection> <task hub> [latency ms] [pipelines folder]");
    return 2;
}

int latency = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300;
using ILoggerFactory logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var options = new SelfHostedOptions
{
    Backend = DurableBackend.AzureStorage,
    Storage = StorageConnection.FromConnectionString(args[0]),
    TaskHubName = args[1],
    MessageVisibilityTimeout = TimeSpan.FromSeconds(10),
    LeaseInterval = TimeSpan.FromSeconds(8),
    LeaseRenewInterval = TimeSpan.FromSeconds(2),
    MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
};
Microsoft.Extensions.Configuration.IConfiguration configuration = args.Length > 3
    ? PipelineChain.Configuration(args[0], latency, args[3])
    : ModelChain.Catalog(args[0], latency);
await using SelfHostedDurableHost host = await SelfHostedDurableHost.StartAsync(options, configuration, registerTasks: ModelChain.Register, loggerFactory: logs);
Console.WriteLine("READY");
await Task.Delay(Timeout.Infinite);
return 0;
