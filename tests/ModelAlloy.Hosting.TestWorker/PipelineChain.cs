using Microsoft.Extensions.Configuration;
using ModelAlloy.Pipelines;

namespace ModelAlloy.Hosting.TestWorker;

/// <summary>
/// The pipeline fault workload: a five-stage chain pipeline, every stage one call of the slow simulated model
/// (<see cref="ModelChain"/>'s catalog), so a kill chosen from the run's progress lands between or inside stages.
/// </summary>
public static class PipelineChain
{
    public const string Name = "kill-test-chain";

    public const int Stages = 5;

    /// <summary>Writes the definition into <paramref name="folder"/> (the workers' pipelines folder).</summary>
    public static void WriteTo(string folder)
    {
        const string input = "{{input}}";
        var stages = Enumerable.Range(1, Stages).Select(i =>
        {
            string next = i < Stages ? $", \"next\": \"s{i + 1}\"" : string.Empty;
            return $$"""{ "id": "s{{i}}", "kind": "chain", "steps": [ { "role": "chat", "prompt": "Step {{i}} of {{Stages}}: improve {{input}}" } ]{{next}} }""";
        });
        File.WriteAllText(
            Path.Combine(folder, Name + ".json"),
            $$"""{ "name": "{{Name}}", "description": "Five chained calls of a slow simulated model.", "stages": [ {{string.Join(", ", stages)}} ] }""");
    }

    /// <summary>The worker's configuration: the fault workload's catalog and the pipelines folder.</summary>
    public static IConfiguration Configuration(string storageConnection, int latencyMs, string folder) => new ConfigurationBuilder()
        .AddConfiguration(ModelChain.Catalog(storageConnection, latencyMs))
        .AddInMemoryCollection(new Dictionary<string, string?> { [PipelineServiceCollectionExtensions.FolderSettingName] = folder })
        .Build();
}
