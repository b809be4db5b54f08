using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ModelAlloy.Cli;

namespace ModelAlloy.Api.Tests.Serve;

/// <summary><c>alloy serve</c> as a user runs it: Kestrel on 127.0.0.1, the API answering, Ctrl+C (the action's token) stopping it cleanly.</summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_listens_on_loopback_answers_the_api_and_stops_on_cancel()
    {
        CancellationToken deadline = TestTimeout.Token(60);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        var output = new SignallingWriter();
        var error = new StringWriter();
        string pipelines = Path.Combine(AppContext.BaseDirectory, "pipelines");

        Task<int> serve = Task.Run(() => AlloyCommandLine.InvokeAsync(["serve", "--port", "0", "--pipelines", pipelines], output, error, ctrlC.Token));
        string line = await output.WaitForLineAsync("listening on", deadline);
        Uri baseUri = new(Listening().Match(line).Groups["uri"].Value);
        Assert.Equal(IPAddress.Loopback.ToString(), baseUri.Host);
        Assert.Contains("SIMULATED", line, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = baseUri };
        HttpResponseMessage pipelinesResponse = await http.GetAsync("/api/pipelines", deadline);
        HttpResponseMessage missing = await http.GetAsync("/api/no-such-route", deadline);
        HttpResponseMessage start = await http.PostAsync("/api/pipelines/support-triage/runs", new StringContent("""{"input": "refund please"}""", Encoding.UTF8, "application/json"), deadline);

        Assert.Equal(HttpStatusCode.OK, pipelinesResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.StartsWith($"{baseUri.ToString().TrimEnd('/')}/api/runs/", start.Headers.Location!.ToString(), StringComparison.Ordinal);

        ctrlC.Cancel();
        Assert.Equal(0, await serve.WaitAsync(deadline));
        Assert.Contains("alloy serve: stopped", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task A_missing_pipelines_folder_is_one_line_and_exit_code_2()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await AlloyCommandLine.InvokeAsync(["serve", "--port", "0", "--pipelines", "/nonexistent/pipelines"], output, error, TestTimeout.Token());

        Assert.Equal(2, exit);
        string message = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--pipelines", message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"listening on (?<uri>http://\S+?)/api ")]
    private static partial Regex Listening();

    /// <summary>A writer a test can wait on for a line.</summary>
    private sealed class SignallingWriter : StringWriter
    {
        private readonly SemaphoreSlim _written = new(0);

        public override void WriteLine(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }

            _written.Release();
        }

        public async Task<string> WaitForLineAsync(string containing, CancellationToken deadline)
        {
            while (true)
            {
                string? line;
                lock (this)
                {
                    line = ToString().Split('\n').FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal));
                }

                if (line is not null)
                {
                    return line;
                }

                await _written.WaitAsync(deadline);
            }
        }
    }
}
