using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelAlloy.Durable;
using ModelAlloy.Durable.AzureStorage;
using ModelAlloy.Durable.AzureStorage.TestWorker;
using ModelAlloy.Durable.Worker;

// Usage: TestWorker <connection string> <task hub> — polls until killed; prints READY once started.
var (connection, hub) = (args[0], args[1]);
var services = new ServiceCollection();
// Warnings and errors, plus partition ownership (fault tests kill a worker once it owns work).
services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
    .AddFilter("ModelAlloy.Durable.AzureStorage", LogLevel.Information));
services.AddDurableTask(b =>
{
    b.UseAzureStorage(o => FaultWorkerOptions.Apply(o, connection, hub, fromEnvironment: true));
    b.AddTasks(FaultWorkload.Register);
    b.ConfigureWorker(o => o.MaxConcurrentOrchestrations = 8);
});
await using var provider = services.BuildServiceProvider();
var worker = provider.GetRequiredService<DurableTaskWorker>();
await ((IHostedService)worker).StartAsync(CancellationToken.None);
Console.WriteLine("READY");
await Task.Delay(Timeout.Infinite);
