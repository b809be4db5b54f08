using System.Text.Json;
using ModelAlloy.Batches.Items;

namespace ModelAlloy.Batches.Tests.Fakes;

/// <summary>
/// A temp folder with a pipelines folder (<c>one-step</c>: one cheap model call) and a simulated catalog whose model
/// takes <paramref name="latencyMs"/> per call, plus helpers to write item files. Deleted on dispose.
/// </summary>
public sealed class BatchWorkspace : IDisposable
{
    public const string Pipeline = "one-step";

    public BatchWorkspace(int latencyMs = 0)
    {
        Root = Directory.CreateTempSubdirectory("alloy-batch-").FullName;
        Directory.CreateDirectory(PipelinesFolder);
        File.WriteAllText(Path.Combine(PipelinesFolder, "one-step.json"), """
            {
              "name": "one-step",
              "description": "One cheap model call per item.",
              "stages": [ { "id": "answer", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "Answer: {{input}}", "taskType": "answer" } ] } ]
            }
            """);
        File.WriteAllText(CatalogFile, $$"""
            { "ModelGateway": {
                "Models": { "sim-mini": { "Provider": "Simulated", "Prices": { "InputPerMillion": 0.15, "OutputPerMillion": 0.6 },
                            "ContextWindow": 128000, "MaxOutputTokens": 4096, "Tier": "Economy", "Simulation": { "LatencyMs": {{latencyMs}} } } },
                "Roles": { "cheap": { "Chain": [ "sim-mini" ] } } } }
            """);
    }

    public string Root { get; }

    public string PipelinesFolder => Path.Combine(Root, "pipelines");

    public string CatalogFile => Path.Combine(Root, "catalog.json");

    public static IReadOnlyList<BatchItem> Items(int count, string prefix = "T-") =>
        [.. Enumerable.Range(1, count).Select(i => new BatchItem($"{prefix}{i:0000}", $"ticket {i}: the invoice page shows an error"))];

    public string WriteItems(string name, IEnumerable<BatchItem> items)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllLines(path, items.Select(i => JsonSerializer.Serialize(new { id = i.Id, input = i.Input })));
        return path;
    }

    public string Write(string name, string text)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
