using System.Globalization;

namespace ModelAlloy.Bench;

/// <summary>The command line: which workloads on which backends, sizes, repeats and the shared tuning.</summary>
internal sealed record BenchArgs
{
    public const string Usage = """
        usage: ModelAlloy.Bench [--workload overhead|engine|pipelines|all] [--backend inmemory|azure|all] [--repeat R]
                                [--calls N] [--latency-ms L] [--fan-out F] [--chain C] [--activity-ms A] [--only "chain 20"]
                                [--poll-ms P] [--max-queue-poll-ms Q] [--partitions K] [--log warning]
                                [--items I] [--cost-items N] [--cheap-ms C] [--capable-ms M] [--breakdown]
          --workload   overhead: a chain of N model calls on a simulated model with L ms latency, R runs per backend
                       engine: fan-out/fan-in F and chain C (activities of A ms, default 0: input + 1) through the
                       sidecar, and on DTFx's own TaskHubWorker on the same Azurite, R alternated rounds (default: all)
                       pipelines: every example pipeline on I items of its samples/ dataset, simulated models at
                       C ms (economy/standard) and M ms (premium); latency vs critical path, cost vs one capable
                       model per item (not part of all; run from the repository)
          --only       engine: one workload by name ("chain 20"); pipelines: pipelines by name, comma-separated
          --breakdown  pipelines: after each backend's runs, where each step's time went (from DTFx history)
          --backend    inmemory (DTFx in-memory), azure (DTFx Azure Storage on a private Azurite), all (default)
          --repeat     runs per backend (overhead, default 10) or rounds (engine, default 8); one warm-up run first
          --poll-ms    engine: completion is observed by polling instance state every P ms on every engine (default 50)
          --max-queue-poll-ms, --partitions
                       Azure Storage tuning, identical for the sidecar's and the TaskHubWorker's service (default 1000, 1)
          --log        engine logs (sidecar, SDK, DTFx) to the console at this level (default: none)
          --items, --cost-items, --cheap-ms, --capable-ms
                       pipelines: items per pipeline for latency (default 6) and for cost (default 100, at most the
                       dataset), simulated latencies (default 150, 800)
        """;

    public string Workload { get; init; } = "all";

    public string Backend { get; init; } = "all";

    public int? Repeat { get; init; }

    public int Calls { get; init; } = 10;

    public int LatencyMs { get; init; } = 100;

    public int FanOut { get; init; } = 100;

    public int Chain { get; init; } = 20;

    public int ActivityMs { get; init; }

    public string? Only { get; init; }

    public int PollMs { get; init; } = 50;

    public int MaxQueuePollMs { get; init; } = 1000;

    public int Partitions { get; init; } = 1;

    public Microsoft.Extensions.Logging.LogLevel? LogLevel { get; init; }

    public int Items { get; init; } = 6;

    public int CostItems { get; init; } = 100;

    public bool Breakdown { get; init; }

    public int CheapMs { get; init; } = 150;

    public int CapableMs { get; init; } = 800;

    public bool RunsPipelines => Workload is "pipelines";

    public bool RunsOverhead => Workload is "overhead" or "all";

    public bool RunsEngine => Workload is "engine" or "all";

    public bool RunsInMemory => Backend is "inmemory" or "all";

    public bool RunsAzure => Backend is "azure" or "all";

    public static BenchArgs Parse(string[] args)
    {
        var parsed = new BenchArgs();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException(Usage);
            }

            if (name is "--breakdown")
            {
                parsed = parsed with { Breakdown = true };
                continue;
            }

            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value\n{Usage}");
            parsed = name switch
            {
                "--workload" => parsed with { Workload = OneOf(name, value, "overhead", "engine", "pipelines", "all") },
                "--backend" => parsed with { Backend = OneOf(name, value, "inmemory", "azure", "all") },
                "--repeat" => parsed with { Repeat = Positive(name, value) },
                "--calls" => parsed with { Calls = Positive(name, value) },
                "--latency-ms" => parsed with { LatencyMs = Positive(name, value) },
                "--fan-out" => parsed with { FanOut = Positive(name, value) },
                "--chain" => parsed with { Chain = Positive(name, value) },
                "--activity-ms" => parsed with { ActivityMs = Positive(name, value) },
                "--only" => parsed with { Only = value },
                "--poll-ms" => parsed with { PollMs = Positive(name, value) },
                "--max-queue-poll-ms" => parsed with { MaxQueuePollMs = Positive(name, value) },
                "--partitions" => parsed with { Partitions = Positive(name, value) },
                "--items" => parsed with { Items = Positive(name, value) },
                "--cost-items" => parsed with { CostItems = Positive(name, value) },
                "--cheap-ms" => parsed with { CheapMs = Positive(name, value) },
                "--capable-ms" => parsed with { CapableMs = Positive(name, value) },
                "--log" => parsed with { LogLevel = Enum.TryParse(value, ignoreCase: true, out Microsoft.Extensions.Logging.LogLevel l) ? l : throw new ArgumentException($"--log must be a log level (warning, information...), not '{value}'") },
                _ => throw new ArgumentException($"unknown option {name}\n{Usage}"),
            };
        }

        return parsed;
    }

    private static string OneOf(string name, string value, params string[] allowed) =>
        allowed.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? value.ToLowerInvariant()
            : throw new ArgumentException($"{name} must be one of {string.Join('|', allowed)}, not '{value}'");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer, not '{value}'");
}
