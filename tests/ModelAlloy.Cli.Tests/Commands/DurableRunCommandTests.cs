using ModelAlloy.Cli.Tests.Fakes;

namespace ModelAlloy.Cli.Tests.Commands;

/// <summary>
/// <c>alloy run --storage</c> hosts the worker of a durable run on Azurite while <c>status</c>, <c>watch</c>,
/// <c>review</c> and <c>terminate</c> (client-only hosts, as from another terminal) look at it and answer it; the
/// high-stakes-ensemble example's simulated members disagree, so the run waits for a person.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableRunCommandTests(AzuriteFixture azurite)
{
    private const string Claim = "Water damage claim, policy 88-123";

    [Fact]
    public async Task A_run_waiting_for_a_review_is_shown_by_status_and_watch_and_goes_on_with_the_decision_review_sends()
    {
        CancellationToken deadline = TestTimeout.Token(600);
        string hub = NewHub();
        Task<AlloyResult> run = Alloy.RunAsync(["run", "high-stakes-ensemble", "--input", Claim, "--id", "claim-1", .. Storage(hub)], null, deadline);

        AlloyResult status = await WaitForReviewAsync("claim-1", hub, run, deadline);
        string[] lines = Alloy.Lines(status.Output);
        Assert.Matches(@"^Running claim-1: high-stakes-ensemble: stage 'label', 0 stage\(s\) done, \$0\.\d{6} so far, waiting for a review$", lines[0]);
        Assert.Matches(@"^Waiting for a review at stage 'label': agreement 0\.\d\d, until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ; candidates:$", lines[1]);
        Assert.StartsWith("  1) [simulated:sim-mini]", lines[2]);
        Assert.StartsWith("  2) [simulated:sim-haiku]", lines[3]);
        Assert.StartsWith("  3) [simulated:sim-large]", lines[4]);
        Assert.Equal($"Answer with: alloy review claim-1 --choice N (or --text \"...\") --storage <connection> --task-hub {hub}", lines[5]);

        AlloyResult bounded = await Alloy.RunAsync(["watch", "claim-1", "--timeout", "2", .. Storage(hub)], null, deadline);
        Assert.True(bounded.ExitCode == 3, bounded.ToString()); // the wait ended, the run goes on
        Assert.Matches(@"(?m)^claim-1: Running, high-stakes-ensemble: stage 'label', .*waiting for a review\r?$", bounded.Output);
        Assert.Contains("Waiting for a review at stage 'label'", bounded.Output);

        AlloyResult wrong = await Alloy.RunAsync(["review", "claim-1", "--choice", "5", .. Storage(hub)], null, deadline);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal(["alloy: --choice 5 is not a candidate: pick 1 to 3."], Alloy.Lines(wrong.Error));

        AlloyResult review = await Alloy.RunAsync(["review", "claim-1", "--choice", "3", .. Storage(hub)], null, deadline);
        Assert.True(review.ExitCode == 0, review.ToString());
        Assert.StartsWith("Sent review to claim-1: candidate 3 ([simulated:sim-large]", Alloy.Lines(review.Output)[0]);

        AlloyResult watch = await Alloy.RunAsync(["watch", "claim-1", "--timeout", "300", .. Storage(hub)], null, deadline);
        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.Contains("Completed high-stakes-ensemble", watch.Output);
        Assert.Matches(@"\| label\s+\| ensemble\s+\| decided by review, agreement 0\.\d\d", watch.Output);

        AlloyResult ran = await run;
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Contains("Waiting for a review at stage 'label'", ran.Output); // the worker's terminal said how to answer
        Assert.Matches(@"Completed high-stakes-ensemble \(sha256:[0-9a-f]{12}\) as claim-1 in \d+ ms  SIMULATED", ran.Output);
        Assert.Contains("[simulated:sim-large]", ran.Output.Split("\nAnswer\n")[1].Split("\nPath\n")[0]); // the chosen candidate is the answer
        Assert.Matches(@"on sim-large alone \(same tokens, 3 answer\(s\)\)", ran.Output);

        AlloyResult again = await Alloy.RunAsync(["review", "claim-1", "--choice", "1", .. Storage(hub)], null, deadline);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal(["run 'claim-1' is not waiting for a review (it is Completed); alloy status claim-1 shows where it is."], Alloy.Lines(again.Error));
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_run_and_status_shows_it_terminated()
    {
        CancellationToken deadline = TestTimeout.Token(600);
        string hub = NewHub();
        Task<AlloyResult> run = Alloy.RunAsync(["run", "high-stakes-ensemble", "--input", Claim, "--id", "claim-2", .. Storage(hub)], null, deadline);
        await WaitForReviewAsync("claim-2", hub, run, deadline);

        AlloyResult terminate = await Alloy.RunAsync(["terminate", "claim-2", "--reason", "duplicate claim", "--wait", "120", .. Storage(hub)], null, deadline);
        Assert.True(terminate.ExitCode == 0, terminate.ToString());
        Assert.Equal(["Terminated claim-2."], Alloy.Lines(terminate.Output));

        AlloyResult ran = await run;
        Assert.Equal(1, ran.ExitCode);
        Assert.Contains("Terminated claim-2: duplicate claim", ran.Output);

        AlloyResult status = await Alloy.RunAsync(["status", "claim-2", .. Storage(hub)], null, deadline);
        Assert.Equal(1, status.ExitCode);
        Assert.Equal(["Terminated claim-2: duplicate claim"], Alloy.Lines(status.Output));

        AlloyResult twice = await Alloy.RunAsync(["terminate", "claim-2", .. Storage(hub)], null, deadline);
        Assert.Equal(1, twice.ExitCode);
        Assert.Equal(["run 'claim-2' already ended (Terminated); nothing to terminate."], Alloy.Lines(twice.Error));
    }

    [Fact]
    public async Task Status_of_an_unknown_run_says_so_in_one_line()
    {
        string hub = NewHub();
        AlloyResult status = await Alloy.RunAsync(["status", "no-such-run", .. Storage(hub)], null, TestTimeout.Token(300));

        Assert.Equal(1, status.ExitCode);
        Assert.Equal([$"no run 'no-such-run' in task hub '{hub}'; check the id and --storage/--task-hub."], Alloy.Lines(status.Error));
    }

    private string[] Storage(string hub) => ["--storage", azurite.ConnectionString, "--task-hub", hub];

    private static string NewHub() => "cli" + Guid.NewGuid().ToString("N")[..12];

    // alloy status until the run asks for a review (bounded; fails at once if the run command ended).
    private async Task<AlloyResult> WaitForReviewAsync(string id, string hub, Task<AlloyResult> run, CancellationToken deadline)
    {
        for (int attempt = 0; attempt < 120; attempt++)
        {
            Assert.False(run.IsCompleted, run.IsCompleted ? (await run).ToString() : null);
            AlloyResult status = await Alloy.RunAsync(["status", id, .. Storage(hub)], null, deadline);
            if (status.Output.Contains("Waiting for a review", StringComparison.Ordinal))
            {
                Assert.Equal(0, status.ExitCode);
                return status;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), deadline);
        }

        throw new TimeoutException($"run {id} never asked for a review");
    }
}
