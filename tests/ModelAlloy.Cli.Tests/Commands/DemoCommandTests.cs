using ModelAlloy.Cli.Tests.Fakes;

namespace ModelAlloy.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_support_triage_over_the_shipped_tickets_and_prints_each_path_and_the_cost_against_one_model()
    {
        AlloyResult demo = await Alloy.RunAsync("demo");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        string text = demo.Output;
        string[] lines = Alloy.Lines(text);
        Assert.StartsWith("Running support-triage over 12 items of ", lines[0]);
        Assert.Contains("DTFx in memory", lines[0]);
        string[] items = lines.Where(l => l.StartsWith("| T-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(12, items.Length);
        Assert.All(items, row => Assert.Matches(@"\| triage → (faq|billing|technical|expert|general) ", row));
        Assert.Contains(items, row => row.Contains("| billing ", StringComparison.Ordinal) && row.Contains("rule 3: regex", StringComparison.Ordinal));
        Assert.Contains("Cost by route against every item sent to sim-large alone (same tokens)", text);
        Assert.Matches(@"\| total\s+\|\s+12 \|\s+\$0\.\d{6} \|\s+\$0\.\d{6} \|\s+\$0\.\d{6} \(\d+%\) \|", text);
        Assert.Matches(@"Routed as labelled: \d+ of 12", text);
        Assert.Matches(@"saved \$0\.\d{6} \(\d+% less\)", text);
        Assert.Contains("SIMULATED", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public async Task Demo_orchestration_completes_the_sample_orchestration_and_prints_its_history()
    {
        AlloyResult demo = await Alloy.RunAsync("demo", "orchestration");

        var text = demo.Output;
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Status:  Completed", text);
        Assert.Contains("\"Category\":\"billing\"", text);
        Assert.Contains("reviewed 'Our invoice", text);
        Assert.Matches(@"TaskFailed\s+1\b", text);
        Assert.Matches(@"TimerFired\s+1\b", text);
        Assert.Matches(@"TaskCompleted\s+6\b", text);
        Assert.Contains("found after a retry", text);
    }

    [Fact]
    public async Task Demo_with_a_missing_dataset_is_a_usage_error()
    {
        AlloyResult demo = await Alloy.RunAsync("demo", "--dataset", "/no/such/tickets.jsonl");

        Assert.Equal(2, demo.ExitCode);
        Assert.Equal(["alloy: dataset '/no/such/tickets.jsonl' not found; pass an existing JSONL file to --dataset."], Alloy.Lines(demo.Error));
    }
}
