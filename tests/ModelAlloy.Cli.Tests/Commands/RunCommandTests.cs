using System.Text.Json;
using ModelAlloy.Cli.Tests.Fakes;

namespace ModelAlloy.Cli.Tests.Commands;

/// <summary><c>alloy run</c> on the embedded worker (in memory) with the shipped pipelines and simulated catalog.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_prints_the_answer_the_path_with_route_and_reason_cost_per_stage_and_the_saving_marked_simulated()
    {
        AlloyResult run = await Alloy.RunAsync("run", "support-triage", "--input", "I was charged twice on my invoice, please refund me");

        Assert.True(run.ExitCode == 0, run.ToString());
        string text = run.Output;
        Assert.Matches(@"Completed support-triage \(sha256:[0-9a-f]{12}\) as support-triage-[0-9a-f]{12} in \d+ ms  SIMULATED", text);
        Assert.Contains("[simulated:", text); // the answer
        Assert.Matches(@"\| triage\s+\| router\s+\| route billing\s+\| rule 3: regex", text);
        Assert.Matches(@"\| billing\s+\| cascade\s+\| tier \d", text);
        Assert.Contains("sim-mini (Economy)", text);
        Assert.Matches(@"Cost \$0\.\d{6} against \$0\.\d{6} on sim-large alone \(same tokens, \d+ answer\(s\)\): saved \$0\.\d{6} \(\d+% less\)", text);
        Assert.Contains("SIMULATED: simulated models answered", text);
        Assert.DoesNotContain('\u001b', text); // redirected: no colour
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Run_reads_the_input_from_a_file_with_at()
    {
        string file = Path.Combine(Path.GetTempPath(), $"alloy-input-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "I forgot my password and the reset link expired\n");
        try
        {
            AlloyResult run = await Alloy.RunAsync("run", "support-triage", "--input", "@" + file, "--json");

            Assert.True(run.ExitCode == 0, run.ToString());
            using JsonDocument json = JsonDocument.Parse(run.Output);
            JsonElement stages = json.RootElement.GetProperty("result").GetProperty("stages");
            Assert.Equal(("account", "rule 2: keyword 'password'"), (stages[0].GetProperty("route").GetString(), stages[0].GetProperty("reason").GetString()));
            Assert.Equal("faq", stages[1].GetProperty("stageId").GetString());
            Assert.True(json.RootElement.GetProperty("result").GetProperty("simulated").GetBoolean());
            Assert.Equal("sim-large", json.RootElement.GetProperty("baseline").GetProperty("model").GetString());
            Assert.True(json.RootElement.GetProperty("baseline").GetProperty("savingUsd").GetDecimal() > 0);
            Assert.All(stages.EnumerateArray(), s => Assert.True(s.GetProperty("latencyMs").GetInt64() >= 0));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_reads_the_input_from_stdin_with_dash()
    {
        AlloyResult run = await Alloy.RunAsync(["run", "support-triage", "-"], new StringReader("The app shows an error on startup\n"), TestTimeout.Token(300));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"\| triage\s+\| router\s+\| route technical\s+\| rule 4: keyword 'error'", run.Output);
        Assert.Matches(@"\| technical\s+\| chain", run.Output);
    }

    [Fact]
    public async Task Run_of_an_unknown_pipeline_is_one_line_naming_the_known_ones_and_exit_code_2()
    {
        AlloyResult run = await Alloy.RunAsync("run", "no-such-pipeline", "--input", "hello");

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(Alloy.Lines(run.Error));
        Assert.StartsWith("alloy: pipeline 'no-such-pipeline' is not defined; known: ", line);
        Assert.Contains("support-triage", line);
        Assert.Equal(string.Empty, run.Output);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--input")]
    public async Task Run_with_a_bad_flag_prints_one_line_and_the_usage_with_exit_code_2(string flag)
    {
        AlloyResult run = await Alloy.RunAsync("run", "support-triage", flag);

        Assert.Equal(2, run.ExitCode);
        string[] lines = Alloy.Lines(run.Error);
        Assert.StartsWith("alloy: ", lines[0]);
        Assert.Contains("Usage:", lines);
        Assert.Contains(lines, l => l.Trim().StartsWith("alloy run <pipeline> [<->] [options]", StringComparison.Ordinal));
        Assert.Equal("Run 'alloy run --help' for more.", lines[^1]);
        Assert.DoesNotContain("   at ", run.Error); // no stack trace
    }

    [Fact]
    public async Task Unknown_command_names_it_and_prints_the_root_usage()
    {
        AlloyResult run = await Alloy.RunAsync("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("alloy: Unrecognized command or argument 'frobnicate'.", Alloy.Lines(run.Error)[0]);
        Assert.Contains("Run 'alloy --help' for more.", run.Error);
    }

    [Theory]
    [InlineData(new[] { "run", "support-triage" }, "alloy: no input: give --input TEXT, --input @file, or '-' to read stdin.")]
    [InlineData(new[] { "run", "support-triage", "--input", "@/no/such/file.txt" }, "alloy: input file '/no/such/file.txt' not found; --input @file reads a file, --input TEXT takes the text itself.")]
    [InlineData(new[] { "run", "support-triage", "--input", "x", "--pipelines", "/no/such/dir" }, "alloy: pipelines folder '/no/such/dir' not found; pass an existing folder.")]
    [InlineData(new[] { "status", "some-run" }, "alloy: alloy status needs --storage <connection>|azurite: in-memory runs end with the process that ran them.")]
    [InlineData(new[] { "watch", "some-run" }, "alloy: alloy watch needs --storage <connection>|azurite: in-memory runs end with the process that ran them.")]
    [InlineData(new[] { "review", "some-run", "--choice", "1" }, "alloy: alloy review needs --storage <connection>|azurite: in-memory runs end with the process that ran them.")]
    [InlineData(new[] { "terminate", "some-run" }, "alloy: alloy terminate needs --storage <connection>|azurite: in-memory runs end with the process that ran them.")]
    public async Task Usage_errors_are_one_line_with_exit_code_2(string[] args, string expected)
    {
        AlloyResult run = await Alloy.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([expected], Alloy.Lines(run.Error));
    }

    [Fact]
    public async Task An_unexpected_failure_in_a_command_is_one_line_with_exit_code_1_not_a_stack_trace()
    {
        string catalog = Path.Combine(Path.GetTempPath(), $"alloy-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalog, "{ this is not JSON");
        try
        {
            AlloyResult run = await Alloy.RunAsync("run", "support-triage", "--input", "hello", "--catalog", catalog);

            Assert.Equal(1, run.ExitCode);
            string line = Assert.Single(Alloy.Lines(run.Error));
            Assert.StartsWith("alloy: ", line);
            Assert.Contains(Path.GetFileName(catalog), line);
        }
        finally
        {
            File.Delete(catalog);
        }
    }

    [Fact]
    public async Task In_memory_run_that_needs_a_review_ends_with_one_line_pointing_at_storage()
    {
        AlloyResult run = await Alloy.RunAsync("run", "high-stakes-ensemble", "--input", "Water damage claim, policy 88-123");

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(Alloy.Lines(run.Error));
        Assert.Matches(@"^alloy: run high-stakes-ensemble-[0-9a-f]{12} waits for a person's review \(agreement 0\.\d\d\); in-memory runs cannot be reviewed from another process: rerun with --storage azurite", line);
    }

    [Fact]
    public async Task Root_help_lists_the_commands_and_the_exit_codes()
    {
        AlloyResult help = await Alloy.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (string command in (string[])["demo", "run", "status", "watch", "review", "terminate", "pipelines", "costs"])
        {
            Assert.Matches($@"(?m)^\s+{command}\b", help.Output);
        }

        Assert.Contains("Exit codes:", help.Output);
        Assert.Matches(@"(?m)^\s+130\s+cancelled", help.Output);
    }
}
