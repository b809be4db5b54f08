using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelAlloy.Bench.Pipelines;

/// <summary>
/// What the pipelines workload runs: a temporary copy of the repository's pipelines folder (every example), three
/// bench-only definitions (a five-stage chain, an ensemble of three capable models that never needs a review, and the
/// single-capable-model baseline), and the simulated catalog with fixed latencies (economy/standard tier: cheap,
/// premium: capable) and no failures.
/// </summary>
internal sealed class BenchPipelineFolder : IDisposable
{
    public const string Chain5 = "bench-chain-5";
    public const string Ensemble3 = "bench-ensemble-3";
    public const string Baseline = "bench-baseline";

    private const string Input = "{{input}}";

    private BenchPipelineFolder(string root, string repository)
    {
        Root = root;
        Repository = repository;
    }

    /// <summary>Gets the temporary folder (definitions; the catalog is in catalogs/bench.json).</summary>
    public string Root { get; }

    /// <summary>Gets the repository root the examples and samples came from.</summary>
    public string Repository { get; }

    public string CatalogFile => Path.Combine(Root, "catalogs", "bench.json");

    /// <summary>Gets the pipelines the workload measures: every example, then the bench-only chain and ensemble.</summary>
    public IReadOnlyList<string> Measured { get; private set; } = [];

    /// <summary>Gets the capable model's id (the baseline's only model).</summary>
    public string CapableModel { get; private set; } = string.Empty;

    public static BenchPipelineFolder Create(int cheapMs, int capableMs)
    {
        string repository = FindRepository();
        string source = Path.Combine(repository, "pipelines");
        string root = Directory.CreateTempSubdirectory("alloy-bench-pipelines-").FullName;
        var folder = new BenchPipelineFolder(root, repository);
        var examples = new List<string>();
        foreach (string file in Directory.EnumerateFiles(source, "*.json").Order(StringComparer.Ordinal))
        {
            File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
            if (!file.EndsWith(".schema.json", StringComparison.Ordinal))
            {
                examples.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        Directory.CreateDirectory(Path.Combine(root, "catalogs"));
        JsonObject catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "catalogs", "simulated.json")))!.AsObject();
        JsonObject models = catalog["ModelGateway"]!["Models"]!.AsObject();
        foreach ((string id, JsonNode? model) in models)
        {
            bool capable = string.Equals(model!["Tier"]?.GetValue<string>(), "Premium", StringComparison.OrdinalIgnoreCase);
            model["Simulation"] = new JsonObject
            {
                ["LatencyMs"] = capable ? capableMs : cheapMs,
                ["Quality"] = 1.0,
                ["RateLimitRate"] = 0,
                ["ServerErrorRate"] = 0,
                ["TimeoutRate"] = 0,
            };
            if (capable && folder.CapableModel.Length == 0)
            {
                folder.CapableModel = id;
            }
        }

        File.WriteAllText(folder.CatalogFile, catalog.ToJsonString());
        File.WriteAllText(Path.Combine(root, Chain5 + ".json"), ChainOfFive());
        File.WriteAllText(Path.Combine(root, Ensemble3 + ".json"), EnsembleOfThree());
        File.WriteAllText(Path.Combine(root, Baseline + ".json"), $$"""
            { "name": "{{Baseline}}", "description": "Every item to the capable model, once: the cost baseline.",
              "stages": [ { "id": "answer", "kind": "chain", "steps": [ { "model": "{{folder.CapableModel}}", "prompt": "{{Input}}" } ] } ] }
            """);
        folder.Measured = [.. examples, Chain5, Ensemble3];
        return folder;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string ChainOfFive()
    {
        IEnumerable<string> stages = Enumerable.Range(1, 5).Select(i =>
        {
            string next = i < 5 ? string.Create(CultureInfo.InvariantCulture, $", \"next\": \"s{i + 1}\"") : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $$"""{ "id": "s{{i}}", "kind": "chain", "steps": [ { "role": "cheap", "prompt": "Step {{i}}: {{Input}}" } ]{{next}} }""");
        });
        return $$"""{ "name": "{{Chain5}}", "description": "Five chained stages of one cheap call each.", "stages": [ {{string.Join(", ", stages)}} ] }""";
    }

    private static string EnsembleOfThree()
    {
        IEnumerable<string> members = Enumerable.Range(1, 3).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{ "role": "capable", "prompt": "Member {{i}}: label {{Input}}" }"""));
        return $$"""{ "name": "{{Ensemble3}}", "description": "Three capable members at once; threshold 0, so never a review.", "stages": [ { "id": "vote", "kind": "ensemble", "members": [ {{string.Join(", ", members)}} ], "aggregation": "vote", "threshold": 0, "review": { "timeoutSeconds": 60, "onTimeout": "majority" } } ] }""";
    }

    private static string FindRepository()
    {
        for (DirectoryInfo? dir = new(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "pipelines", "pipeline.schema.json")) && Directory.Exists(Path.Combine(dir.FullName, "samples")))
            {
                return dir.FullName;
            }
        }

        throw new ArgumentException("run the pipelines workload from the repository (no pipelines/pipeline.schema.json and samples/ found above the current directory)");
    }
}
