using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using ModelAlloy.Api;
using ModelAlloy.Functions.Api;
using ModelAlloy.Functions.Batches;
using ModelAlloy.Functions.Starters;
using ModelAlloy.Hosting;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Tests.Publishing;

/// <summary>
/// What the Functions host reads from the published app: <c>functions.metadata</c> (every function, its trigger and
/// bindings), <c>worker.config.json</c>, <c>extensions.json</c> with <c>.azurefunctions/</c>, and <c>host.json</c>.
/// The function names must be exactly <see cref="ModelAlloyTasks"/>' lists plus the starters: one list of names.
/// </summary>
public sealed class FunctionsMetadataTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    private static readonly string[] Starters = [TicketHttpStarter.Name, TicketQueueStarter.Name, BatchQueueFunction.Name];

    // The HTTP API's functions: name, method, route, and whether it takes a durable client.
    private static readonly (string Name, string Method, string Route, bool Durable)[] ApiFunctions =
    [
        (RunFunctions.StartName, "post", ApiRoutes.PipelineRuns, true),
        (RunFunctions.StatusName, "get", ApiRoutes.Run, true),
        (RunFunctions.ReviewName, "post", ApiRoutes.RunReview, true),
        (RunFunctions.TerminateName, "post", ApiRoutes.RunTerminate, true),
        (RunFunctions.PurgeName, "delete", ApiRoutes.Run, true),
        (ReportFunctions.PipelinesName, "get", ApiRoutes.Pipelines, false),
        (ReportFunctions.CostsName, "get", ApiRoutes.Costs, false),
        (ReportFunctions.DashboardName, "get", ApiRoutes.Dashboard, false),
    ];

    [Fact]
    public void Function_names_are_the_orchestrators_and_activities_of_ModelAlloyTasks_plus_the_starters()
    {
        string[] expected = [.. ModelAlloyTasks.Orchestrators, .. ModelAlloyTasks.Activities, .. Starters,
            .. ApiFunctions.Select(f => f.Name)];
        string[] published = [.. Functions().Select(f => f.GetProperty("name").GetString()!)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_orchestrator_has_only_an_orchestration_trigger()
    {
        foreach (string name in ModelAlloyTasks.Orchestrators)
        {
            JsonElement binding = Assert.Single(Bindings(name));
            Assert.Equal("orchestrationTrigger", binding.GetProperty("type").GetString());
            Assert.Equal("In", binding.GetProperty("direction").GetString());
        }
    }

    [Fact]
    public void Every_activity_has_only_an_activity_trigger()
    {
        foreach (string name in ModelAlloyTasks.Activities)
        {
            JsonElement binding = Assert.Single(Bindings(name));
            Assert.Equal("activityTrigger", binding.GetProperty("type").GetString());
            Assert.Equal("In", binding.GetProperty("direction").GetString());
        }
    }

    [Fact]
    public void Http_starter_is_a_function_key_POST_on_tickets_with_a_durable_client_and_an_http_response()
    {
        JsonElement[] bindings = Bindings(TicketHttpStarter.Name);
        Assert.Equal(["httpTrigger", "durableClient", "http"], bindings.Select(b => b.GetProperty("type").GetString()));
        JsonElement trigger = bindings[0];
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("tickets", trigger.GetProperty("route").GetString());
        Assert.Equal("$return", bindings[2].GetProperty("name").GetString());
        Assert.Equal("Out", bindings[2].GetProperty("direction").GetString());
    }

    [Fact]
    public void Every_api_function_is_a_function_key_http_trigger_on_its_route_with_an_http_response()
    {
        foreach ((string name, string method, string route, bool durable) in ApiFunctions)
        {
            JsonElement[] bindings = Bindings(name);
            string[] expected = durable ? ["httpTrigger", "durableClient", "http"] : ["httpTrigger", "http"];
            Assert.Equal(expected, bindings.Select(b => b.GetProperty("type").GetString()));
            JsonElement trigger = bindings[0];
            Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
            Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(route, trigger.GetProperty("route").GetString());
            Assert.Equal(("$return", "Out"), (bindings[^1].GetProperty("name").GetString(), bindings[^1].GetProperty("direction").GetString()));
        }
    }

    [Fact]
    public void Queue_starter_triggers_on_alloy_tickets_in_the_functions_storage_with_a_durable_client()
    {
        JsonElement[] bindings = Bindings(TicketQueueStarter.Name);
        Assert.Equal(["queueTrigger", "durableClient"], bindings.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("alloy-tickets", bindings[0].GetProperty("queueName").GetString());
        Assert.False(bindings[0].TryGetProperty("connection", out _), "no connection named: the trigger reads AzureWebJobsStorage");
    }

    [Fact]
    public void Batch_trigger_reads_alloy_batch_in_the_functions_storage_with_a_durable_client()
    {
        JsonElement[] bindings = Bindings(BatchQueueFunction.Name);
        Assert.Equal(["queueTrigger", "durableClient"], bindings.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("alloy-batch", bindings[0].GetProperty("queueName").GetString());
        Assert.False(bindings[0].TryGetProperty("connection", out _), "no connection named: the trigger reads AzureWebJobsStorage");
    }

    [Fact]
    public void Every_entry_point_is_a_method_whose_Function_attribute_carries_the_published_name()
    {
        Assembly functions = typeof(TicketHttpStarter).Assembly;
        foreach (JsonElement function in Functions())
        {
            string name = function.GetProperty("name").GetString()!;
            string entryPoint = function.GetProperty("entryPoint").GetString()!;
            Assert.Equal(functions.GetName().Name + ".dll", function.GetProperty("scriptFile").GetString());
            Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
            int dot = entryPoint.LastIndexOf('.');
            Type type = functions.GetType(entryPoint[..dot], throwOnError: true)!;
            MethodInfo method = Assert.Single(type.GetMethods(), m => m.Name == entryPoint[(dot + 1)..]);
            Assert.Equal(name, method.GetCustomAttribute<FunctionAttribute>()?.Name);
        }
    }

    [Fact]
    public void Worker_config_starts_the_published_assembly_with_worker_indexing()
    {
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(app.PathOf("worker.config.json")));
        JsonElement description = config.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        string workerPath = description.GetProperty("defaultWorkerPath").GetString()!;
        Assert.Equal("ModelAlloy.Functions.dll", workerPath);
        Assert.True(File.Exists(app.PathOf(workerPath)), $"{workerPath} is not in the publish output");
        Assert.Equal("true", description.GetProperty("workerIndexing").GetString());
    }

    [Fact]
    public void Extensions_json_loads_durable_task_and_storage_queues_from_azurefunctions()
    {
        Assert.True(Directory.Exists(app.PathOf(".azurefunctions")), ".azurefunctions/ is missing");
        using JsonDocument extensions = JsonDocument.Parse(File.ReadAllText(app.PathOf("extensions.json")));
        Dictionary<string, string> hints = extensions.RootElement.GetProperty("extensions").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("hintPath").GetString()!);
        Assert.Contains("DurableTask", hints.Keys);
        Assert.Contains("AzureStorageQueues", hints.Keys);
        foreach ((string name, string hint) in hints)
        {
            Assert.StartsWith("./.azurefunctions/", hint, StringComparison.Ordinal);
            Assert.True(File.Exists(app.PathOf(hint)), $"extension {name}: {hint} is not in the publish output");
        }
    }

    [Fact]
    public void Host_json_is_the_repository_root_one_with_the_task_hub_and_latency_tuning()
    {
        string published = File.ReadAllText(app.PathOf("host.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(PublishedApp.RepositoryRoot, "host.json")), published);
        using JsonDocument host = JsonDocument.Parse(published);
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        JsonElement durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("ModelAlloyFunctions", durable.GetProperty("hubName").GetString());
        JsonElement storage = durable.GetProperty("storageProvider");
        Assert.Equal("00:00:01", storage.GetProperty("maxQueuePollingInterval").GetString());
        Assert.Equal(4, storage.GetProperty("partitionCount").GetInt32());
        string excluded = host.RootElement.GetProperty("logging").GetProperty("applicationInsights").GetProperty("samplingSettings").GetProperty("excludedTypes").GetString()!;
        Assert.Contains("Request", excluded.Split(';'));
        Assert.Contains("Trace", excluded.Split(';'));
    }

    [Fact]
    public void Publish_output_carries_no_self_hosted_engine()
    {
        string[] files = [.. Directory.EnumerateFiles(app.Directory, "*.dll", SearchOption.TopDirectoryOnly).Select(Path.GetFileName)!];
        Assert.Contains("Microsoft.Azure.Functions.Worker.Extensions.DurableTask.dll", files);
        Assert.DoesNotContain("ModelAlloy.Hosting.SelfHosted.dll", files);
        Assert.DoesNotContain("Microsoft.DurableTask.InProcessTestHost.dll", files);
        Assert.DoesNotContain("DurableTask.AzureStorage.dll", files);
    }

    private JsonElement[] Functions()
    {
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(app.PathOf("functions.metadata")));
        return [.. metadata.RootElement.EnumerateArray().Select(f => f.Clone())];
    }

    private JsonElement[] Bindings(string function) =>
        [.. Assert.Single(Functions(), f => f.GetProperty("name").GetString() == function).GetProperty("bindings").EnumerateArray()];
}
