using ModelAlloy.Cli;
using ModelAlloy.Evaluation.Tests.SideBySide;

namespace ModelAlloy.Evaluation.Tests.Cli;

public sealed class EvalRunCommandTests
{
    private static readonly string Pipelines = Path.Combine(AppContext.BaseDirectory, "pipelines");

    [Fact]
    public async Task Eval_run_prints_the_side_by_side_table_and_the_projection_and_writes_csv_and_html()
    {
        string dir = Directory.CreateTempSubdirectory("alloy-eval-run-").FullName;
        try
        {
            string dataset = TriageTickets.WriteTo(dir);
            var output = new StringWriter();
            var error = new StringWriter();

            int code = await AlloyCommandLine.InvokeAsync(
                ["eval", "run", "--dataset", dataset, "--pipeline", "support-triage", "--baselines", "sim-mini,sim-large", "--pipelines", Pipelines, "--concurrency", "4", "--out", Path.Combine(dir, "out")],
                output, error, TestTimeout.Token(120));

            string text = output.ToString();
            Assert.True(code == 0, error.ToString());
            Assert.Contains("tickets.jsonl: 6 items × 3 systems, scorer 'route' — SIMULATED", text);
            Assert.Matches(@"system\s+quality\s+cost \$\s+\$/item\s+p50 ms\s+p95 ms\s+Economy\s+Standard\s+Premium\s+judge \$\s+failed", text);
            Assert.Matches(@"(?m)^support-triage\s+\d+\.\d%\s+0\.\d{4}\s", text);
            Assert.Matches(@"(?m)^baseline:sim-large\s+\d+\.\d%\s+0\.\d{4}\s+0\.\d{6}\s+\d+\s+\d+\s+0\.0%\s+0\.0%\s+100\.0%", text);
            Assert.Contains("Projected to 1,000,000 requests/month", text);
            Assert.Matches(@"(?m)^sim-mini alone\s+\$[\d,.]+\s+\d+ ms\s+\d+\.\d%", text);
            foreach (string file in new[] { "report.html", "items.csv", "systems.csv", "report.txt" })
            {
                Assert.True(File.Exists(Path.Combine(dir, "out", file)), file);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Eval_run_errors_are_one_line_that_says_what_to_do()
    {
        string dir = Directory.CreateTempSubdirectory("alloy-eval-run-").FullName;
        try
        {
            string dataset = TriageTickets.WriteTo(dir);
            var output = new StringWriter();
            var error = new StringWriter();

            int code = await AlloyCommandLine.InvokeAsync(["eval", "run", "--dataset", dataset, "--pipeline", "no-such", "--pipelines", Pipelines], output, error, TestTimeout.Token(60));

            Assert.Equal(1, code);
            Assert.StartsWith("pipeline 'no-such' is not defined; known:", error.ToString());
            Assert.Single(error.ToString().TrimEnd().Split('\n'));

            error.GetStringBuilder().Clear();
            code = await AlloyCommandLine.InvokeAsync(["eval", "run", "--pipeline", "support-triage"], output, error, TestTimeout.Token(60));
            Assert.Equal(2, code);
            Assert.StartsWith("alloy eval run needs --dataset FILE", error.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
