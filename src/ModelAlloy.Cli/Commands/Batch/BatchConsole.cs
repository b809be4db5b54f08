using System.Globalization;
using ModelAlloy.Batches.Progress;
using ModelAlloy.Batches.Results;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands.Batch;

/// <summary>
/// Where <c>alloy batch</c> writes: on a terminal a live Spectre.Console progress bar with colour; redirected (a file,
/// a pipe, a test's writer) no colour and no cursor tricks, one plain progress line every few seconds instead.
/// </summary>
internal sealed class BatchConsole
{
    private readonly TextWriter _output;

    private BatchConsole(TextWriter output, bool live)
    {
        _output = output;
        Live = live;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
    }

    /// <summary>Gets a value indicating whether the output is a terminal (live progress).</summary>
    public bool Live { get; }

    /// <summary>Gets the console to render tables on.</summary>
    public IAnsiConsole Console { get; }

    public static BatchConsole For(TextWriter output) =>
        new(output, ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected);

    public static string Describe(BatchProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"done {p.Done}/{p.Total}  failed {p.Failed}  in flight {p.InFlight}  ${p.CostUsd:0.000000} so far  ETA {Eta(p.Eta)}");

    public void Line(string text) => _output.WriteLine(text);

    /// <summary>Runs the pass with progress shown; returns its summary.</summary>
    public Task<BatchSummary> RunWithProgressAsync(int total, Func<IProgress<BatchProgress>, Task<BatchSummary>> run, double plainSeconds) =>
        Live ? LiveAsync(total, run) : PlainAsync(total, run, plainSeconds);

    private async Task<BatchSummary> LiveAsync(int total, Func<IProgress<BatchProgress>, Task<BatchSummary>> run)
    {
        var progress = new LatestProgress(total);
        return await Console.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                ProgressTask bar = context.AddTask(Describe(progress.Latest), maxValue: Math.Max(total, 1));
                Task<BatchSummary> running = run(progress);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(200)).ConfigureAwait(false);
                    BatchProgress latest = progress.Latest;
                    bar.Value = latest.Finished;
                    bar.Description = Markup.Escape(Describe(latest)).Replace("failed 0", "[green]failed 0[/]", StringComparison.Ordinal);
                }

                return await running.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private async Task<BatchSummary> PlainAsync(int total, Func<IProgress<BatchProgress>, Task<BatchSummary>> run, double seconds)
    {
        var progress = new LatestProgress(total);
        Task<BatchSummary> running = run(progress);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, seconds)));
        while (!running.IsCompleted)
        {
            Task tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(running, tick).ConfigureAwait(false) == tick)
            {
                _output.WriteLine("progress: " + Describe(progress.Latest));
            }
        }

        BatchSummary summary = await running.ConfigureAwait(false);
        _output.WriteLine("progress: " + Describe(progress.Latest));
        return summary;
    }

    private static string Eta(TimeSpan? eta) => eta is { } t ? t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "--:--";
}
