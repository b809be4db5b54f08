using System.Diagnostics;
using System.Globalization;
using ModelAlloy.Evaluation.Comparison;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Replay;
using ModelAlloy.Evaluation.Routing;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Evaluation.SelfHosted;
using ModelAlloy.Evaluation.SideBySide;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Validation;

using System.CommandLine;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy eval run</c>: a dataset through pipelines and single-model baselines side by side on the self-hosted
/// worker (terminal table, CSV, HTML report, 1M-requests projection). <c>alloy eval replay</c>: routing policies replayed on RouteLLM's recorded MMLU outcomes, as RouteLLM's metric
/// table plus the quality-vs-strong-share plot. <c>alloy eval train-router</c>: trains, validates and saves the
/// learned router, from RouteLLM's data or from <c>alloy compare</c> outcomes.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Creates <c>alloy eval</c> (its own arguments are parsed by <see cref="RunAsync"/>).</summary>
    public static Command Create()
    {
        var rest = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore, Description = "run [...] | replay [...] | train-router [...]" };
        var command = new Command("eval", "Evaluation: run (a dataset through pipelines and single-model baselines, side by side), replay (RouteLLM's APGR/CPT table and curve) or train-router.") { rest };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync([.. parse.GetValue(rest) ?? [], .. parse.UnmatchedTokens], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }


    /// <summary>The usage text printed after an argument error.</summary>
    public const string Usage = """
        usage: alloy eval replay [--data DIR] [--seeds N] [--out DIR] [--subjects a,b,...] [--max-per-subject N] [--no-learned]
                                 [--only POLICY,POLICY] [--weak-price IN/OUT] [--strong-price IN/OUT] [--catalog FILE --weak-model ID --strong-model ID]
                                 [--output-tokens N]
               alloy eval train-router [--data DIR] [--out FILE] [--seed N] [--target-share X | --target-quality X | --target-gap X]
                                       [--fallback strong|weak] [--subjects a,b,...] [--max-per-subject N]
                                       [--outcomes DIR [--weak MODEL] [--strong MODEL] [--pass X]]
               alloy eval run --dataset FILE [--pipeline NAME [--pipeline NAME2]] [--baselines all|ID,ID] [--scorer SCORER] [--judge ROLE]
                              [--concurrency N] [--limit N] [--out DIR] [--catalog FILE] [--pipelines DIR] [--baseline-prompt TEXT]
          run           SCORER: route | label | exact | contains[:TEXT] | regex[:PATTERN] | json:FIELD.PATH | numeric[:TOL] | judge
                        (default route: the router stage's route against the item's labels; baselines then classify: they
                        answer {"route": one of the dataset's labels} under a JSON schema);
                        --judge ROLE scores with that catalog role under a rubric (its cost is reported apart);
                        baselines: one generated single-stage chain per catalog model; defaults: --concurrency 8, --out eval-run,
                        --pipelines pipelines, --catalog {pipelines}/catalogs/simulated.json
          --only        replay only these policies (random, oracle, length, keywords, learned-in-distribution,
                        learned-unseen-subjects); all-weak and all-strong are always shown
          --outcomes    train from alloy compare's outcomes (weak/strong default to the cheapest/dearest model; --pass 0.5)
          --data DIR    RouteLLM data (the folder holding mmlu/); default ../shared/data/routellm from the repository root,
                        or $MODELALLOY_ROUTELLM_DATA
          prices        $ per 1M input/output tokens, e.g. --strong-price 10/30 (defaults: weak 0.7/0.7, strong 10/30)
          targets       0..1: share of strong calls, absolute quality, or fraction of the weak-to-strong gap (default gap 0.8)
        """;

    private static readonly Dictionary<string, HashSet<string>> Options = new(StringComparer.Ordinal)
    {
        ["run"] = ["--dataset", "--pipeline", "--baselines", "--scorer", "--judge", "--concurrency", "--limit", "--out", "--catalog", "--pipelines", "--baseline-prompt"],
        ["replay"] = ["--data", "--seeds", "--out", "--subjects", "--max-per-subject", "--no-learned", "--only", "--weak-price", "--strong-price", "--catalog", "--weak-model", "--strong-model", "--output-tokens"],
        ["train-router"] = ["--data", "--out", "--seed", "--target-share", "--target-quality", "--target-gap", "--fallback", "--subjects", "--max-per-subject", "--outcomes", "--weak", "--strong", "--pass"],
    };

    private static readonly HashSet<string> Switches = ["--no-learned"];

    private static readonly HashSet<string> Repeatable = ["--pipeline"];

    /// <summary>Runs <c>alloy eval</c> with its own arguments.</summary>
    /// <param name="args">The arguments after <c>eval</c>.</param>
    /// <param name="output">Where tables go.</param>
    /// <param name="error">Where errors and progress go.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code: 0, 1 on a failure, 2 on bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string sub = args.FirstOrDefault() ?? "";
        if (!Options.TryGetValue(sub, out HashSet<string>? known))
        {
            return Fail(error, sub.Length == 0 ? "alloy eval needs a command: run, replay or train-router." : $"Unknown eval command '{sub}'.");
        }

        Dictionary<string, string> options;
        try
        {
            options = Parse(args[1..], known);
        }
        catch (FormatException ex)
        {
            return Fail(error, ex.Message);
        }

        try
        {
            return sub switch
            {
                "run" => await SideBySideAsync(options, output, error, cancellationToken),
                "replay" => Replay(options, output, error, cancellationToken),
                _ => TrainRouter(options, output, error, cancellationToken),
            };
        }
        catch (FormatException ex) when (ex is not DatasetFormatException)
        {
            return Fail(error, ex.Message);
        }
        catch (Exception ex) when (ex is DatasetFormatException or DirectoryNotFoundException or FileNotFoundException or KeyNotFoundException
                                       or InvalidDataException or ModelGatewayException or IOException or UnauthorizedAccessException or ArgumentException
                                       or PipelineDefinitionException)
        {
            error.WriteLine(ex.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    private static int Replay(Dictionary<string, string> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        int seeds = Int(options, "--seeds") ?? new ReplayOptions().Seeds;
        int outputTokens = Int(options, "--output-tokens") ?? (int)RequestCostModel.DefaultOutputTokens;
        TierPrice? weak = Price(options, "weak"), strong = Price(options, "strong");
        IReadOnlyList<RecordedOutcome> data = Load(options);
        var replay = new ReplayOptions
        {
            Seeds = seeds,
            IncludeLearned = !options.ContainsKey("--no-learned"),
            Only = options.ContainsKey("--only") ? List(options["--only"]) : null,
            Costs = RequestCostModel.ForPrompts(data.Select(o => o.Prompt), weak, strong, outputTokens),
        };
        var clock = Stopwatch.StartNew();
        ReplayReport report = ReplayEvaluator.Run(data, replay, new LineProgress(error), cancellationToken);
        string table = ReplayTable.Format(report);
        output.Write(table);
        string dir = Path.GetFullPath(options.GetValueOrDefault("--out") ?? "eval-replay");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "replay.txt"), table);
        File.WriteAllText(Path.Combine(dir, "replay.svg"), CurvePlot.Svg(report));
        File.WriteAllText(Path.Combine(dir, "replay.html"), CurvePlot.Html(report));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Plot: {Path.Combine(dir, "replay.html")} (and replay.svg, replay.txt); {clock.Elapsed.TotalSeconds:F0} s."));
        return 0;
    }

    private static async Task<int> SideBySideAsync(Dictionary<string, string> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string datasetPath = options.GetValueOrDefault("--dataset") ?? throw new FormatException("alloy eval run needs --dataset FILE (a JSONL dataset such as samples/support-triage/tickets.jsonl).");
        EvalDataset dataset = await JsonlDatasetReader.LoadAsync(datasetPath, cancellationToken);
        if (Int(options, "--limit") is { } limit && limit < dataset.Items.Count)
        {
            dataset = dataset with { Items = dataset.Items.Take(limit).ToList() };
        }

        string scorerSpec = options.GetValueOrDefault("--scorer") ?? (options.ContainsKey("--judge") ? "judge" : "route");
        string? judgeRole = options.GetValueOrDefault("--judge");
        var sessionOptions = new SideBySideSessionOptions
        {
            PipelinesFolder = options.GetValueOrDefault("--pipelines") ?? "pipelines",
            CatalogFile = options.GetValueOrDefault("--catalog"),
            Pipelines = List(options.GetValueOrDefault("--pipeline")),
            Baselines = List(options.GetValueOrDefault("--baselines")),
            BaselinePrompt = options.GetValueOrDefault("--baseline-prompt"),
            BaselineRoutes = scorerSpec == "route" ? dataset.Items.SelectMany(i => i.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() : null,
        };
        await using SideBySideSession session = await SideBySideSession.StartAsync(sessionOptions, cancellationToken);
        IAnswerScorer scorer = ScorerSpec.Create(scorerSpec, judgeRole is null ? null : () => session.Judge(judgeRole));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {dataset.Items.Count:N0} items × {session.Systems.Count} systems ({string.Join(", ", session.Systems.Select(s => s.Name))}), scorer {scorer.Name}"));
        SideBySideReport report = await session.RunAsync(dataset, scorer, Int(options, "--concurrency") ?? 8, new LineProgress(error), cancellationToken);
        string table = SideBySideTable.Format(report);
        output.Write(table);
        string dir = Path.GetFullPath(options.GetValueOrDefault("--out") ?? "eval-run");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.txt"), table, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "items.csv"), SideBySideCsv.Items(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "systems.csv"), SideBySideCsv.Systems(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.html"), SideBySideHtml.Render(report), cancellationToken);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Report: {Path.Combine(dir, "report.html")} (and items.csv, systems.csv, report.txt); {report.WallSeconds:F0} s."));
        return 0;
    }

    private static string[] List(string? text) => text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static int TrainRouter(Dictionary<string, string> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var train = new LearnedRouterOptions
        {
            Seed = Int(options, "--seed") ?? 0,
            Calibration = Target(options),
            Fallback = options.GetValueOrDefault("--fallback") switch
            {
                null or "strong" => RouterTier.Strong,
                "weak" => RouterTier.Weak,
                string other => throw new FormatException($"--fallback is 'strong' or 'weak', not '{other}'."),
            },
        };
        IReadOnlyList<RecordedOutcome> data = Load(options);
        LearnedRouter router = LearnedRouterTrainer.Train(data, train, cancellationToken: cancellationToken, progress: new LineProgress(error));
        string manifestPath = router.Save(options.GetValueOrDefault("--out") ?? "router.zip");
        RouterManifest m = router.Manifest;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Learned router {m.ModelVersion}: {m.TrainingRows:N0} rows, trained and validated in {m.TrainingSeconds:F1} s"));
        output.WriteLine(string.Create(inv, $"Saved {Path.ChangeExtension(manifestPath, ".zip")} and {manifestPath}"));
        output.WriteLine(string.Create(inv, $"Threshold {m.Threshold:F3} on P(weak suffices), calibrated to {m.Calibration}: validation strong share {m.ValidationStrongShare * 100:F1}%, quality {m.ValidationQuality * 100:F1}%"));
        if (m.KnownTaskTypes is { } known)
        {
            output.WriteLine(string.Create(inv, $"Known task types (stratified {train.ValidationFolds}-fold): {known.Describe()}"));
        }

        var fallBack = m.TaskTypes.Where(t => !t.Value.Routes).Select(t => t.Key).ToList();
        output.WriteLine(string.Create(inv, $"  routes on {m.TaskTypes.Count - fallBack.Count}/{m.TaskTypes.Count} task types; falls back to '{m.Fallback.ToString().ToLowerInvariant()}' on {fallBack.Count}{(fallBack.Count > 0 ? ": " + string.Join(", ", fallBack) : "")}"));
        output.WriteLine(string.Create(inv, $"Unseen task types (grouped {train.ValidationFolds}-fold): {m.UnseenTaskTypes?.Describe() ?? "not validated (too few task types)"}{(m.UnseenTaskTypes is { Routes: true } ? "" : " → falls back")}"));
        return 0;
    }

    private static IReadOnlyList<RecordedOutcome> Load(Dictionary<string, string> options)
    {
        if (options.GetValueOrDefault("--outcomes") is { } outcomes)
        {
            double pass = Fraction(options, "--pass") ?? 0.5;
            IReadOnlyList<RecordedOutcome> rows = ComparisonOutcomes.ToRecorded(ComparisonOutcomeFile.Read(outcomes), options.GetValueOrDefault("--weak"), options.GetValueOrDefault("--strong"), pass);
            return rows.Count > 0 ? rows : throw new InvalidDataException($"no prompt under '{outcomes}' was scored for both the weak and the strong model; run alloy compare with --judge ROLE or a dataset with references");
        }

        string root = RouteLlmData.Locate(options.GetValueOrDefault("--data"));
        string[]? subjects = options.GetValueOrDefault("--subjects")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IReadOnlyList<RecordedOutcome> data = RouteLlmData.Load(root, subjects, Int(options, "--max-per-subject"));
        return data.Count > 0 ? data : throw new DirectoryNotFoundException($"no rows for subjects '{string.Join(",", subjects ?? [])}' under '{root}'");
    }

    private static TierPrice? Price(Dictionary<string, string> options, string tier)
    {
        if (options.GetValueOrDefault($"--{tier}-model") is { } model)
        {
            string catalog = options.GetValueOrDefault("--catalog") ?? throw new FormatException($"--{tier}-model needs --catalog FILE (a model catalog such as src/ModelAlloy.Models/models.sample.json).");
            return RequestCostModel.FromCatalog(catalog, model);
        }

        if (options.GetValueOrDefault($"--{tier}-price") is not { } text)
        {
            return null;
        }

        string[] parts = text.Split('/');
        return parts.Length == 2
               && decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal input) && input >= 0
               && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal outputPrice) && outputPrice >= 0
            ? new TierPrice(tier == "weak" ? RequestCostModel.DefaultWeak.Model : RequestCostModel.DefaultStrong.Model, input, outputPrice)
            : throw new FormatException($"--{tier}-price expects dollars per 1M input/output tokens like 10/30, not '{text}'.");
    }

    private static CalibrationTarget Target(Dictionary<string, string> options)
    {
        string[] given = ["--target-share", "--target-quality", "--target-gap"];
        var set = given.Where(options.ContainsKey).ToList();
        if (set.Count > 1)
        {
            throw new FormatException($"Give one calibration target, not {string.Join(" and ", set)}.");
        }

        if (set.Count == 0)
        {
            return CalibrationTarget.GapRecovered(0.8);
        }

        string text = options[set[0]];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value is < 0 or > 1)
        {
            throw new FormatException($"{set[0]} expects a number from 0 to 1, not '{text}'.");
        }

        return set[0] switch
        {
            "--target-share" => CalibrationTarget.StrongShare(value),
            "--target-quality" => CalibrationTarget.Quality(value),
            _ => CalibrationTarget.GapRecovered(value),
        };
    }

    private static double? Fraction(Dictionary<string, string> options, string name)
    {
        if (options.GetValueOrDefault(name) is not { } text)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1
            ? value
            : throw new FormatException($"{name} expects a number from 0 to 1, not '{text}'.");
    }

    private static int? Int(Dictionary<string, string> options, string name)
    {
        if (options.GetValueOrDefault(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new FormatException($"{name} expects a positive whole number, not '{text}'.");
    }

    private static Dictionary<string, string> Parse(string[] args, HashSet<string> known)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (!known.Contains(name))
            {
                throw new FormatException(name.StartsWith("--", StringComparison.Ordinal) ? $"Unknown option '{name}'." : $"Unexpected argument '{name}'.");
            }

            if (Repeatable.Contains(name) && options.ContainsKey(name) && i + 1 < args.Length)
            {
                options[name] += "," + args[++i];
                continue;
            }

            if (Switches.Contains(name))
            {
                options[name] = "";
                continue;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"Option {name} needs a value.");
            }

            options[name] = args[++i];
        }

        return options;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine(Usage);
        return 2;
    }

    private sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine($"  {value}");
    }
}
