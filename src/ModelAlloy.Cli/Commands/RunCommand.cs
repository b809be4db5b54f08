using System.CommandLine;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Cli.Hosts;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Validation;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy run &lt;pipeline&gt; [--input TEXT | --input @file | -]</c>: runs one item on the self-hosted worker in this
/// process (in memory by default, <c>--storage</c> for a durable run others can watch and review) and prints the
/// answer, the path it took, cost and latency per stage, and the saving against the single-capable-model baseline.
/// </summary>
internal static class RunCommand
{
    /// <summary>Creates <c>alloy run</c>.</summary>
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline's name (alloy pipelines list)" };
        var stdin = new Argument<string?>("-") { Arity = ArgumentArity.ZeroOrOne, Description = "'-' reads the input from stdin" };
        stdin.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: not RunInputReader.StdinMarker and var token }])
            {
                result.AddError($"Unrecognized command or argument '{token}'.");
            }
        });
        var input = new Option<string?>("--input", "-i") { Description = "The input: TEXT, @file to read a file, or - for stdin", HelpName = "TEXT|@file|-" };
        var id = new Option<string?>("--id") { Description = "The instance id (default: <pipeline>-<random>); reusing one on --storage attaches to that run", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the run (it goes on afterwards on --storage)", DefaultValueFactory = _ => 600, HelpName = "SECONDS" };
        var command = new Command("run", "Run one item through a pipeline on the self-hosted worker and print the answer, its path, cost per stage and the saving against one capable model.")
        {
            pipeline, stdin, input, id, json, timeout,
        };
        HostOptions host = new HostOptions().AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string text = await RunInputReader.ReadAsync(parse.GetValue(input), parse.GetValue(stdin), ct);
            LocalAlloyOptions options = host.Read(parse, runWorker: true);
            return await RunAsync(
                options, parse.GetValue(pipeline)!, text, parse.GetValue(id), parse.GetValue(json), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                parse.InvocationConfiguration.Output, ct);
        });
        return command;
    }

    /// <summary>Runs the item and prints the outcome; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        LocalAlloyOptions options, string pipeline, string input, string? instanceId, bool json, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        await using LocalAlloyHost host = await HostStarter.StartAsync(options, cancellationToken);
        await EnsurePipelineAsync(host, pipeline, cancellationToken);
        IAnsiConsole console = AlloyConsole.Create(output);
        string id = instanceId ?? $"{pipeline}-{Guid.NewGuid():N}"[..(pipeline.Length + 13)];
        if (await host.Client.GetInstanceAsync(id, cancellationToken) is null)
        {
            await host.StartPipelineAsync(pipeline, input, id, cancellationToken);
        }

        OrchestrationMetadata state = await FollowAsync(host, console, id, json, timeout, cancellationToken)
            ?? throw new InvalidOperationException($"run {id} disappeared from the task hub");
        int exitCode = await ReportAsync(host, console, output, state, json, cancellationToken);
        if (!state.IsCompleted && !json)
        {
            console.WriteLine(host.Options.ResolvedStorage is null
                ? "--timeout passed; in memory, the run ends with this process."
                : $"--timeout passed; the run goes on when a worker runs: alloy watch {id} {HostStarter.StorageHint(host.Options)}".TrimEnd());
        }

        return exitCode;
    }

    /// <summary>Fails with a usage error when the pipeline is unknown, with an invalid-definition error when it is broken.</summary>
    public static async Task EnsurePipelineAsync(LocalAlloyHost host, string pipeline, CancellationToken cancellationToken)
    {
        try
        {
            await host.Pipelines.GetSnapshotAsync(pipeline, cancellationToken);
        }
        catch (PipelineDefinitionException ex) when (ex.Errors.Count == 0)
        {
            throw new UsageException(ex.Message + $" (in {Path.GetFullPath(host.Options.PipelinesFolder)})");
        }
    }

    /// <summary>Writes a run's outcome (a completed run with its costing) and returns the exit code.</summary>
    public static async Task<int> ReportAsync(LocalAlloyHost host, IAnsiConsole console, TextWriter output, OrchestrationMetadata state, bool json, CancellationToken cancellationToken)
    {
        PipelineProgress? progress = RunMonitor.ProgressOf(state);
        if (state.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new { instanceId = state.InstanceId, status = state.RuntimeStatus.ToString(), failure = state.FailureDetails?.ErrorMessage, progress }, JsonOptions));
            }
            else
            {
                RunReport.WriteUnfinished(console, state, progress);
            }

            return state.IsCompleted ? ExitCodes.Failed : ExitCodes.StillRunning;
        }

        PipelineRunResult result = state.ReadOutputAs<PipelineRunResult>()!;
        RunCosting costing = await RunCosting.ReadAsync(
            host.Services.GetRequiredService<ICostLedger>(), host.Services.GetRequiredService<ModelCatalog>(), [state.InstanceId], state.CreatedAt, cancellationToken);
        if (json)
        {
            BaselineComparison baseline = costing.ForRun(state.InstanceId);
            output.WriteLine(JsonSerializer.Serialize(
                new
                {
                    instanceId = state.InstanceId,
                    status = state.RuntimeStatus.ToString(),
                    latencyMs = (long)(state.LastUpdatedAt - state.CreatedAt).TotalMilliseconds,
                    result,
                    baseline = new { model = baseline.BaselineModel, costUsd = baseline.BaselineCostUsd, actualCostUsd = baseline.ActualCostUsd, savingUsd = baseline.SavingUsd, savingRate = baseline.SavingRate, baseline.Answers },
                },
                JsonOptions));
        }
        else
        {
            RunReport.WriteCompleted(console, state, result, costing);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Indented camelCase JSON.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // A live spinner with the stage on a terminal; on plain output only the review request. An in-memory run that
    // waits for a person cannot be answered from another process, so it is ended with a one-line explanation.
    private static async Task<OrchestrationMetadata?> FollowAsync(
        LocalAlloyHost host, IAnsiConsole console, string id, bool json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool inMemory = host.Options.ResolvedStorage is null;
        bool reviewShown = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task OnChange(OrchestrationMetadata state, PipelineProgress? progress, Action<string>? show)
        {
            if (progress is not null)
            {
                show?.Invoke(RunReport.Describe(progress));
            }

            if (progress?.Review is null || reviewShown || json)
            {
                return;
            }

            reviewShown = true;
            if (inMemory)
            {
                await host.Client.TerminateInstanceAsync(id, "waits for a review, which an in-memory run cannot receive", CancellationToken.None);
                throw new UsageException(
                    $"run {id} waits for a person's review (agreement {progress.Review.Agreement:0.00}); in-memory runs cannot be reviewed from another process: rerun with --storage azurite and answer with alloy review.");
            }

            RunReport.WriteReview(console, id, progress, HostStarter.StorageHint(host.Options));
        }

        if (!console.Profile.Capabilities.Interactive || json)
        {
            return await RunMonitor.FollowAsync(host.Client, id, timeout, (s, p) => OnChange(s, p, null), stop.Token);
        }

        return await console.Status().StartAsync($"{id}: starting", ctx =>
            RunMonitor.FollowAsync(host.Client, id, timeout, (s, p) => OnChange(s, p, text => ctx.Status = Markup.Escape(text)), stop.Token));
    }
}
