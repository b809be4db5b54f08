using System.CommandLine;
using Microsoft.DurableTask.Client;
using ModelAlloy.Cli.Hosts;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Cli.Commands;

/// <summary><c>alloy terminate &lt;instance&gt; [--reason TEXT] --storage ...</c>: ends a durable run that has not finished.</summary>
internal static class TerminateCommand
{
    /// <summary>Creates <c>alloy terminate</c>.</summary>
    public static Command Create()
    {
        var reason = new Option<string?>("--reason") { Description = "Why (kept as the run's output)", HelpName = "TEXT" };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for a worker to end it", DefaultValueFactory = _ => 10, HelpName = "SECONDS" };
        var command = new Command("terminate", "End a durable run (--storage) that has not finished.") { reason, wait };
        RunClient client = new RunClient().AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using LocalAlloyHost host = await client.StartAsync(parse, ct);
            string id = parse.GetValue(client.Instance)!;
            TextWriter output = parse.InvocationConfiguration.Output, error = parse.InvocationConfiguration.Error;
            if (await RunClient.FindAsync(host, id, error, ct) is not { } state)
            {
                return ExitCodes.Failed;
            }

            if (state.IsCompleted)
            {
                error.WriteLine($"run '{id}' already ended ({state.RuntimeStatus}); nothing to terminate.");
                return ExitCodes.Failed;
            }

            await host.Client.TerminateInstanceAsync(id, parse.GetValue(reason) ?? "terminated with alloy terminate", ct);
            OrchestrationMetadata? after = await RunMonitor.FollowAsync(host.Client, id, TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(wait))), null, ct);
            output.WriteLine(after?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated
                ? $"Terminated {id}."
                : $"Termination of {id} requested; it ends when a worker next processes the run (now: {after?.RuntimeStatus}).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
