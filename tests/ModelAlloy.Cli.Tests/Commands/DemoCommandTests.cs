using ModelAlloy.Cli.Commands;

namespace ModelAlloy.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_completes_the_sample_orchestration_and_prints_its_history()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringWriter();

        var exitCode = await DemoCommand.RunAsync(output, timeout.Token);

        var text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Status:  Completed", text);
        Assert.Contains("\"Category\":\"billing\"", text);
        Assert.Contains("reviewed 'Our invoice", text);
        Assert.Matches(@"TaskFailed\s+1\b", text);
        Assert.Matches(@"TimerFired\s+1\b", text);
        Assert.Matches(@"TaskCompleted\s+6\b", text);
        Assert.Contains("found after a retry", text);
    }
}
