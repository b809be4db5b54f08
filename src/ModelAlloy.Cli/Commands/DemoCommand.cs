using System.CommandLine;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Cli.Hosts;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy demo</c>: the example pipeline <c>support-triage</c> over the small shipped dataset
/// (<c>samples/support-triage/tickets-small.jsonl</c>) on the embedded self-hosted worker, in memory, on simulated
/// models: every ticket's path (route and why, stages, models and tiers, cost, latency) and the cost table against
/// the single capable model. <c>alloy demo orchestration</c> runs the hand-written sample orchestration instead.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The pipeline the demo runs.</summary>
    public const string DefaultPipeline = "support-triage";

    /// <summary>The dataset the demo runs, relative to the repository root (or the binary's folder).</summary>
    public static readonly string DefaultDataset = Path.Combine("samples", "support-triage", "tickets-small.jsonl");

    /// <summary>How long the whole dataset may take.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    /// <summary>Creates <c>alloy demo</c>.</summary>
    public static Command Create()
    {
        var pipeline = new Option<string>("--pipeline") { Description = "The pipeline to run", DefaultValueFactory = _ => DefaultPipeline, HelpName = "NAME" };
        var dataset = new Option<string?>("--dataset") { Description = $"A JSONL dataset (default: {DefaultDataset})", HelpName = "FILE" };
        var command = new Command("demo", "Run the support-triage pipeline over a small shipped dataset on the embedded worker (SIMULATED models): each ticket's path and the cost against one capable model.")
        {
            pipeline, dataset, DemoOrchestrationCommand.Create(),
        };
        HostOptions host = new HostOptions().AddTo(command);
        command.SetAction((parse, ct) => RunAsync(
            host.Read(parse, runWorker: true), parse.GetValue(pipeline)!, ResolveDataset(parse.GetValue(dataset)), parse.InvocationConfiguration.Output, ct));
        return command;
    }

    /// <summary>Runs every item of the dataset through the pipeline and prints the paths and the cost table; returns the exit code.</summary>
    public static async Task<int> RunAsync(LocalAlloyOptions options, string pipeline, string datasetFile, TextWriter output, CancellationToken cancellationToken)
    {
        EvalDataset dataset = await JsonlDatasetReader.LoadAsync(datasetFile, cancellationToken);
        await using LocalAlloyHost host = await HostStarter.StartAsync(options, cancellationToken);
        await RunCommand.EnsurePipelineAsync(host, pipeline, cancellationToken);
        IAnsiConsole console = AlloyConsole.Create(output);
        console.MarkupLine(
            $"Running [bold]{Markup.Escape(pipeline)}[/] over {dataset.Items.Count} items of {Markup.Escape(datasetFile)} on the embedded self-hosted worker ({(options.ResolvedStorage is null ? "DTFx in memory" : "DTFx Azure Storage")}), "
            + $"catalog {Markup.Escape(options.ResolvedCatalogFile)}.");

        string tag = Guid.NewGuid().ToString("N")[..6];
        var runs = new List<(EvalItem Item, string Id)>();
        foreach (EvalItem item in dataset.Items)
        {
            string id = $"demo-{tag}-{item.Id}";
            await host.StartPipelineAsync(pipeline, item.Input, id, cancellationToken);
            runs.Add((item, id));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        OrchestrationMetadata[] states = await WaitAllAsync(host.Client, console, runs.Select(r => r.Id).ToList(), deadline.Token, cancellationToken);
        RunCosting costing = await RunCosting.ReadAsync(
            host.Services.GetRequiredService<ICostLedger>(), host.Services.GetRequiredService<ModelCatalog>(), [.. runs.Select(r => r.Id)], states.Min(s => s.CreatedAt), cancellationToken);

        var report = new DemoReport(console, costing);
        for (int i = 0; i < runs.Count; i++)
        {
            report.Add(runs[i].Item, states[i]);
        }

        report.Write();
        return states.All(s => s.RuntimeStatus == OrchestrationRuntimeStatus.Completed) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<OrchestrationMetadata[]> WaitAllAsync(
        DurableTaskClient client, IAnsiConsole console, IReadOnlyList<string> ids, CancellationToken deadline, CancellationToken cancellationToken)
    {
        async Task<OrchestrationMetadata> WaitAsync(string id, Action? done)
        {
            try
            {
                OrchestrationMetadata state = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline);
                done?.Invoke();
                return state;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"run {id} did not finish within {Deadline.TotalMinutes:0} minutes");
            }
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            return await Task.WhenAll(ids.Select(id => WaitAsync(id, null)));
        }

        return await console.Progress().StartAsync(async ctx =>
        {
            ProgressTask task = ctx.AddTask("items", maxValue: ids.Count);
            return await Task.WhenAll(ids.Select(id => WaitAsync(id, () => task.Increment(1))));
        });
    }

    private static string ResolveDataset(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? given : throw new UsageException($"dataset '{given}' not found; pass an existing JSONL file to --dataset.");
        }

        return HostOptions.ShippedPath(DefaultDataset, File.Exists)
            ?? throw new UsageException($"dataset {DefaultDataset} not found: run from the repository root or pass --dataset FILE.");
    }
}
