using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Evaluation.Comparison;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Models;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy compare --prompts FILE | --prompt TEXT --models a,b,c [--judge ROLE]</c>: the same prompts through several
/// models side by side (output, latency, tokens, cost, judge score), stored as outcomes (JSONL) under
/// <c>--outcomes DIR</c> that <c>alloy eval train-router --outcomes DIR</c> trains the learned router on.
/// </summary>
internal static class CompareCommand
{
    /// <summary>Creates <c>alloy compare</c>.</summary>
    public static Command Create()
    {
        var prompts = new Option<string?>("--prompts") { Description = "A file of prompts: a JSONL dataset (with references for --scorer), or one prompt per line." };
        var prompt = new Option<string[]>("--prompt") { Description = "A prompt (repeatable).", AllowMultipleArgumentsPerToken = false };
        var models = new Option<string>("--models") { Description = "The catalog models, comma-separated.", Required = true };
        var judge = new Option<string?>("--judge") { Description = "The catalog role that scores each answer under a rubric (its cost is reported apart)." };
        var scorer = new Option<string?>("--scorer") { Description = $"Score against the dataset's references instead: {ScorerSpec.Forms}." };
        var catalog = new Option<string>("--catalog") { Description = "The model catalog file.", DefaultValueFactory = _ => Path.Combine("pipelines", "catalogs", "simulated.json") };
        var outcomes = new Option<string>("--outcomes") { Description = "The outcomes folder (one JSONL file per comparison).", DefaultValueFactory = _ => "outcomes" };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight at once.", DefaultValueFactory = _ => 4 };
        var command = new Command("compare", "The same prompts through several models side by side (output, latency, tokens, cost, judge score), stored as outcomes the learned router trains on.")
        {
            prompts, prompt, models, judge, scorer, catalog, outcomes, concurrency,
        };
        command.SetAction((parse, ct) => RunAsync(
            new Request(parse.GetValue(prompts), parse.GetValue(prompt) ?? [], parse.GetValue(models)!, parse.GetValue(judge), parse.GetValue(scorer), parse.GetValue(catalog)!, parse.GetValue(outcomes)!, parse.GetValue(concurrency)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<EvalItem> items = await PromptsAsync(request, cancellationToken);
            string[] models = request.Models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (models.Length == 0)
            {
                throw new FormatException("--models needs at least one catalog model, e.g. --models sim-mini,sim-large");
            }

            if (!File.Exists(request.Catalog))
            {
                throw new FileNotFoundException($"model catalog '{request.Catalog}' not found; pass --catalog FILE or run from the repository root");
            }

            var services = new ServiceCollection().AddModelGateway(ModelCatalogConfiguration.Build(request.Catalog));
            await using ServiceProvider provider = services.BuildServiceProvider();
            IModelGateway gateway = provider.GetRequiredService<IModelGateway>();
            ModelCatalog catalog = provider.GetRequiredService<ModelCatalog>();
            IAnswerScorer? answerScorer = request.Scorer is { } spec
                ? ScorerSpec.Create(spec, request.Judge is { } r ? () => new JudgeScorer(gateway, r) : null)
                : request.Judge is { } role ? new JudgeScorer(gateway, role) : null;
            if (answerScorer is JudgeScorer)
            {
                _ = catalog.ResolveChain(null, request.Judge);
            }

            IReadOnlyList<ComparisonOutcome> results = await ModelComparison.RunAsync(gateway, catalog, items, models, answerScorer, Math.Max(1, request.Concurrency), cancellationToken);
            output.Write(ComparisonTable.Format(results));
            string path = ComparisonOutcomeFile.Write(request.Outcomes, results);
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Outcomes: {Path.GetFullPath(path)} ({results.Count} answers); train the router on them with: alloy eval train-router --outcomes {request.Outcomes}"));
            return 0;
        }
        catch (Exception ex) when (ex is FormatException or DatasetFormatException or FileNotFoundException or DirectoryNotFoundException or ModelGatewayException
                                       or IOException or UnauthorizedAccessException or ArgumentException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            error.WriteLine(ex.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    private static async Task<IReadOnlyList<EvalItem>> PromptsAsync(Request request, CancellationToken cancellationToken)
    {
        var items = new List<EvalItem>();
        if (request.PromptsFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"prompts file '{file}' not found");
            }

            if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                items.AddRange((await JsonlDatasetReader.LoadAsync(file, cancellationToken)).Items);
            }
            else
            {
                items.AddRange((await File.ReadAllLinesAsync(file, cancellationToken)).Where(l => !string.IsNullOrWhiteSpace(l)).Select((l, i) => Item($"p{i + 1}", l)));
            }
        }

        items.AddRange(request.Prompts.Select((p, i) => Item($"prompt-{i + 1}", p)));
        return items.Count > 0 ? items : throw new FormatException("alloy compare needs --prompts FILE or --prompt TEXT");
    }

    private static EvalItem Item(string id, string text) => new() { Id = id, Input = text };

    private sealed record Request(string? PromptsFile, string[] Prompts, string Models, string? Judge, string? Scorer, string Catalog, string Outcomes, int Concurrency);
}
