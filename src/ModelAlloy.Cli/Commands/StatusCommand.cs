using System.CommandLine;
using Microsoft.DurableTask.Client;
using ModelAlloy.Cli.Hosts;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines.Orchestration;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands;

/// <summary><c>alloy status &lt;instance&gt; --storage ...</c>: where a durable run is, what it cost so far, the review it waits for, or its result.</summary>
internal static class StatusCommand
{
    /// <summary>Creates <c>alloy status</c>.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command("status", "Show a durable run (--storage): its stage, cost so far and pending review, or its result.") { json };
        RunClient client = new RunClient().AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using LocalAlloyHost host = await client.StartAsync(parse, ct);
            if (await RunClient.FindAsync(host, parse.GetValue(client.Instance)!, parse.InvocationConfiguration.Error, ct) is not { } state)
            {
                return ExitCodes.Failed;
            }

            return await WriteAsync(host, parse.InvocationConfiguration.Output, state, parse.GetValue(json), ct);
        });
        return command;
    }

    /// <summary>Writes the state: the result when completed, else the progress and any pending review.</summary>
    public static async Task<int> WriteAsync(LocalAlloyHost host, TextWriter output, OrchestrationMetadata state, bool json, CancellationToken cancellationToken)
    {
        IAnsiConsole console = AlloyConsole.Create(output);
        if (state.IsCompleted)
        {
            return await RunCommand.ReportAsync(host, console, output, state, json, cancellationToken);
        }

        PipelineProgress? progress = RunMonitor.ProgressOf(state);
        await RunCommand.ReportAsync(host, console, output, state, json, cancellationToken);
        if (!json && progress?.Review is not null)
        {
            RunReport.WriteReview(console, state.InstanceId, progress, HostStarter.StorageHint(host.Options));
        }

        return ExitCodes.Ok;
    }
}
