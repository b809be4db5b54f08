using System.Text.Json;
using ModelAlloy.Batches.Tests.Fakes;
using ModelAlloy.Cli;

namespace ModelAlloy.Batches.Tests.Cli;

/// <summary><c>alloy batch</c> in-process with redirected writers: plain progress, the summary, the results file, one-line errors.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private readonly BatchWorkspace _workspace = new();

    [Fact]
    public async Task Redirected_run_prints_plain_progress_and_the_summary_and_writes_one_line_per_item()
    {
        string items = _workspace.WriteItems("tickets.jsonl", BatchWorkspace.Items(6));
        string results = Path.Combine(_workspace.Root, "out", "results.jsonl");

        (int exit, string output, string error) = await InvokeAsync("batch", "one-step", items, "--concurrency", "3", "--out", results, "--batch-id", "cli-1");

        Assert.True(exit == 0, error);
        Assert.Equal("", error);
        Assert.Contains("batch cli-1: 6 items through 'one-step', 3 in flight, in memory, results to " + results, output, StringComparison.Ordinal);
        Assert.Contains("in memory: nothing survives this process, so a rerun starts over; pass --storage azurite", output, StringComparison.Ordinal);
        Assert.Contains("progress: done 6/6  failed 0  in flight 0", output, StringComparison.Ordinal);
        Assert.Matches(@"│ done\s+│\s+6 │", output);
        Assert.Matches(@"│ failed\s+│\s+0 │", output);
        Assert.Matches(@"│ cost \(SIMULATED\)\s+│\s+\$0\.\d{6} │", output);
        Assert.Contains("SIMULATED: answers came from simulated models", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal); // no colour or cursor codes when redirected
        string[] lines = await File.ReadAllLinesAsync(results);
        Assert.Equal(["T-0001", "T-0002", "T-0003", "T-0004", "T-0005", "T-0006"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Order());
        Assert.All(lines, l => Assert.Equal("Completed", JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Missing_file_is_one_line_and_exit_code_2()
    {
        (int exit, string output, string error) = await InvokeAsync("batch", "one-step", Path.Combine(_workspace.Root, "nope.jsonl"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Matches(@"^alloy batch: batch file '.*nope\.jsonl' not found; pass a JSONL file of \{""id"": ""..."", ""input"": ""...""\} lines\r?\n$", error);
    }

    [Fact]
    public async Task Bad_line_names_the_line_and_the_field()
    {
        string items = _workspace.Write("bad.jsonl", "{\"id\":\"a\",\"input\":\"x\"}\n{\"id\":\"b\"}\n");

        (int exit, _, string error) = await InvokeAsync("batch", "one-step", items);

        Assert.Equal(2, exit);
        Assert.Equal("alloy batch: bad.jsonl line 2, field 'input': missing; every item needs an input (a string, or an object for structured inputs)", error.TrimEnd());
    }

    [Fact]
    public async Task Unknown_pipeline_names_the_known_ones()
    {
        string items = _workspace.WriteItems("ok.jsonl", BatchWorkspace.Items(1));

        (int exit, _, string error) = await InvokeAsync("batch", "nope", items);

        Assert.Equal(2, exit);
        Assert.Equal("alloy batch: pipeline 'nope' is not defined; known: one-step", error.TrimEnd());
    }

    [Fact]
    public async Task Concurrency_out_of_range_is_refused()
    {
        string items = _workspace.WriteItems("ok.jsonl", BatchWorkspace.Items(1));

        (int exit, _, string error) = await InvokeAsync("batch", "one-step", items, "--concurrency", "0");

        Assert.Equal(2, exit);
        Assert.Equal("alloy batch: --concurrency must be 1–1000 (got 0)", error.TrimEnd());
    }

    public void Dispose() => _workspace.Dispose();

    private async Task<(int Exit, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] all = [.. args, "--pipelines", _workspace.PipelinesFolder, "--catalog", _workspace.CatalogFile];
        int exit = await AlloyCommandLine.InvokeAsync(all, output, error, TestTimeout.Token(120));
        return (exit, output.ToString(), error.ToString());
    }
}
