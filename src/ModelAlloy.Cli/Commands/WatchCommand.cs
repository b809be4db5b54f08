using System.CommandLine;
using Microsoft.DurableTask.Client;
using ModelAlloy.Cli.Hosts;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Hosting.SelfHosted;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy watch &lt;instance&gt; --storage ...</c>: streams a durable run's stage progress (one line per change; a live
/// line on a terminal) until it ends or <c>--timeout</c> passes, then prints its result.
/// </summary>
internal static class WatchCommand
{
    /// <summary>Creates <c>alloy watch</c>.</summary>
    public static Command Create()
    {
        var timeout = new Option<int>("--timeout") { Description = "Seconds to watch before giving up (the run goes on)", DefaultValueFactory = _ => 600, HelpName = "SECONDS" };
        var command = new Command("watch", "Stream a durable run's stage progress (--storage) until it ends, then print its result.") { timeout };
        RunClient client = new RunClient().AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using LocalAlloyHost host = await client.StartAsync(parse, ct);
            string id = parse.GetValue(client.Instance)!;
            IAnsiConsole console = AlloyConsole.Create(parse.InvocationConfiguration.Output);
            bool reviewShown = false;
            Task Show(OrchestrationMetadata state, Pipelines.Orchestration.PipelineProgress? progress)
            {
                if (!state.IsCompleted)
                {
                    console.WriteLine(progress is null ? $"{id}: {state.RuntimeStatus}" : $"{id}: {state.RuntimeStatus}, {RunReport.Describe(progress)}");
                }

                if (progress?.Review is not null && !reviewShown)
                {
                    reviewShown = true;
                    RunReport.WriteReview(console, id, progress, HostStarter.StorageHint(host.Options));
                }

                return Task.CompletedTask;
            }

            OrchestrationMetadata? final = await RunMonitor.FollowAsync(host.Client, id, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))), Show, ct);
            if (final is null)
            {
                await RunClient.FindAsync(host, id, parse.InvocationConfiguration.Error, ct);
                return ExitCodes.Failed;
            }

            return await RunCommand.ReportAsync(host, console, parse.InvocationConfiguration.Output, final, json: false, ct);
        });
        return command;
    }
}
