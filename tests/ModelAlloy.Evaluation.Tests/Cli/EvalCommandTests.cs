using ModelAlloy.Cli.Commands;

namespace ModelAlloy.Evaluation.Tests.Cli;

public sealed class EvalCommandTests
{
    private static readonly string[] Subset = ["--subjects", "abstract_algebra,anatomy,astronomy,college_biology,formal_logic", "--max-per-subject", "80", "--seeds", "2"];

    [Fact]
    public async Task Replay_on_a_subset_prints_the_table_and_writes_the_plot()
    {
        string dir = Directory.CreateTempSubdirectory("alloy-replay-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int code = await EvalCommand.RunAsync(["replay", .. Subset, "--out", dir], output, error, CancellationToken.None);

            string text = output.ToString();
            Assert.True(code == 0, error.ToString());
            Assert.Contains("400 requests, 5 task types", text);
            Assert.Matches(@"policy\s+evaluated on\s+APGR\s+CPT\(50%\)\s+CPT\(80%\)", text);
            foreach (string row in new[] { "all-weak", "all-strong", "random", "oracle", "length", "keywords", "learned-in-distribution", "learned-unseen-subjects" })
            {
                Assert.Matches($@"(?m)^{row}\s", text);
            }

            Assert.Matches(@"(?m)^random\s+all rows, 2 seeds\s+0\.\d{3} ± 0\.\d{3}\s+\d+\.\d% ± \d+\.\d%", text);
            Assert.Matches(@"(?m)^oracle\s+all rows\s+1\.\d{3}\s", text);
            string svg = await File.ReadAllTextAsync(Path.Combine(dir, "replay.svg"));
            Assert.StartsWith("<svg", svg);
            Assert.Contains("learned-in-distribution", svg);
            string html = await File.ReadAllTextAsync(Path.Combine(dir, "replay.html"));
            Assert.Contains("<svg", html);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Replay_with_only_runs_the_named_policies()
    {
        string dir = Directory.CreateTempSubdirectory("alloy-replay-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int code = await EvalCommand.RunAsync(["replay", .. Subset, "--only", "length,oracle", "--out", dir], output, error, CancellationToken.None);

            string text = output.ToString();
            Assert.True(code == 0, error.ToString());
            foreach (string row in new[] { "all-weak", "all-strong", "oracle", "length" })
            {
                Assert.Matches($@"(?m)^{row}\s", text);
            }

            foreach (string row in new[] { "random", "keywords", "learned-in-distribution", "learned-unseen-subjects" })
            {
                Assert.DoesNotMatch($@"(?m)^{row}\s", text);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Replay_with_only_an_unknown_policy_is_one_line_naming_the_known_ones()
    {
        var error = new StringWriter();

        int code = await EvalCommand.RunAsync(["replay", .. Subset, "--only", "learned"], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.Contains("unknown replay policy 'learned'; choose from random, oracle, length, keywords, learned-in-distribution, learned-unseen-subjects", error.ToString());
    }

    [Fact]
    public async Task Train_router_saves_a_model_and_its_manifest()
    {
        string dir = Directory.CreateTempSubdirectory("alloy-train-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int code = await EvalCommand.RunAsync(["train-router", "--subjects", "anatomy,astronomy,formal_logic", "--max-per-subject", "80", "--target-share", "0.3", "--out", Path.Combine(dir, "r.zip")], output, error, CancellationToken.None);

            Assert.True(code == 0, error.ToString());
            Assert.Contains("trained and validated in", output.ToString());
            Assert.Contains("calibrated to strong share 30%", output.ToString());
            Assert.True(File.Exists(Path.Combine(dir, "r.zip")));
            Assert.Equal(3, ModelAlloy.Evaluation.Routing.LearnedRouter.Load(Path.Combine(dir, "r.json")).Manifest.TaskTypes.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "replay", "--seeds", "many" }, "--seeds expects a positive whole number, not 'many'.")]
    [InlineData(new[] { "replay", "--colour" }, "Unknown option '--colour'.")]
    [InlineData(new[] { "replay", "--out" }, "Option --out needs a value.")]
    [InlineData(new[] { "train-router", "--target-share", "0.3", "--target-gap", "0.8" }, "Give one calibration target, not --target-share and --target-gap.")]
    [InlineData(new[] { "train-router", "--fallback", "maybe", "--subjects", "anatomy" }, "--fallback is 'strong' or 'weak', not 'maybe'.")]
    [InlineData(new[] { "compare" }, "Unknown eval command 'compare'.")]
    public async Task A_bad_flag_gets_one_line_and_the_usage_and_exit_code_2(string[] args, string message)
    {
        var error = new StringWriter();

        int code = await EvalCommand.RunAsync(args, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(2, code);
        string[] lines = error.ToString().Split('\n');
        Assert.Equal(message, lines[0].TrimEnd());
        Assert.StartsWith("usage: alloy eval replay", lines[1]);
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public async Task Missing_data_is_one_line_that_says_where_to_point()
    {
        var error = new StringWriter();

        int code = await EvalCommand.RunAsync(["replay", "--data", "/nonexistent/routellm"], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.Contains("pass --data DIR", error.ToString());
    }
}
