using System.CommandLine;
using Microsoft.DurableTask.Client;
using ModelAlloy.Cli.Hosts;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy review &lt;instance&gt; (--choice N | --text TEXT) --storage ...</c>: sends a person's decision to a durable
/// run waiting for one (an ensemble that disagreed); the run's worker picks it up and goes on.
/// </summary>
internal static class ReviewCommand
{
    /// <summary>Creates <c>alloy review</c>.</summary>
    public static Command Create()
    {
        var choice = new Option<int?>("--choice") { Description = "Take candidate N (from 1, as alloy status lists them)", HelpName = "N" };
        var text = new Option<string?>("--text") { Description = "Write the answer yourself (wins over the candidates)", HelpName = "TEXT" };
        var command = new Command("review", "Send a person's decision to a durable run (--storage) that waits for a review.") { choice, text };
        RunClient client = new RunClient().AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            int? picked = parse.GetValue(choice);
            string? written = parse.GetValue(text);
            if (picked is null == written is null)
            {
                throw new UsageException("give the decision: --choice N to take a candidate, or --text TEXT to write the answer.");
            }

            await using LocalAlloyHost host = await client.StartAsync(parse, ct);
            string id = parse.GetValue(client.Instance)!;
            TextWriter output = parse.InvocationConfiguration.Output, error = parse.InvocationConfiguration.Error;
            if (await RunClient.FindAsync(host, id, error, ct) is not { } state)
            {
                return ExitCodes.Failed;
            }

            if (state.IsCompleted || RunMonitor.ProgressOf(state) is not { Review: { } review })
            {
                error.WriteLine($"run '{id}' is not waiting for a review (it is {state.RuntimeStatus}); alloy status {id} shows where it is.");
                return ExitCodes.Failed;
            }

            if (picked is { } n && (n < 1 || n > review.Candidates.Count))
            {
                throw new UsageException($"--choice {n} is not a candidate: pick 1 to {review.Candidates.Count}.");
            }

            await host.Client.RaiseEventAsync(id, review.EventName, new PipelineReviewAnswer { Choice = picked, Text = written }, ct);
            output.WriteLine(picked is { } c
                ? $"Sent review to {id}: candidate {c} ({RunReport.FirstLine(review.Candidates[c - 1])})."
                : $"Sent review to {id}: the answer you wrote.");
            output.WriteLine($"The run goes on in its worker; alloy watch {id} {HostStarter.StorageHint(host.Options)}".TrimEnd() + " follows it.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
