using System.Globalization;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Orchestration;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>
/// The ensemble: every member answers in parallel; at or above the agreement threshold the aggregate answers,
/// below it the candidates go to a person (custom status + an external event raced by a durable timer) and an
/// unanswered review takes the configured timeout action.
/// </summary>
internal static class EnsembleStage
{
    private const string DefaultSynthesisPrompt = "Write the best answer to the request from these candidate answers.\n\nRequest:\n{{input}}\n\n{{answers}}";

    public static async Task<StageOutcome> RunAsync(StageContext run, EnsembleStageDefinition stage, StageInput input)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = input.Text, ["original"] = input.Original };
        // A member that cannot answer is left out (its cost still counts); the others still vote.
        ModelCallResult?[] results = await Task.WhenAll(stage.Members.Select(m => AnswerOrNullAsync(run, m, values))).ConfigureAwait(true);
        List<string> answers = results.OfType<ModelCallResult>().Select(r => r.Json ?? r.Text).ToList();
        if (answers.Count == 0)
        {
            throw run.Fail($"none of the {stage.Members.Count} members answered");
        }

        (int winner, double agreement) = EnsembleAggregator.Aggregate(stage.Aggregation, answers);
        var record = new StageRecord { StageId = stage.Id, Kind = stage.Kind, Agreement = agreement };
        string said = string.Create(CultureInfo.InvariantCulture, $"agreement {agreement:0.###}");
        if (agreement >= stage.Threshold)
        {
            string answer = stage.Aggregation == EnsembleAggregation.Synthesizer
                ? await SynthesizeAsync(run, stage, values, answers).ConfigureAwait(true)
                : answers[winner];
            return new StageOutcome(answer, record with { DecidedBy = "agreement", Reason = string.Create(CultureInfo.InvariantCulture, $"{said} >= {stage.Threshold}") });
        }

        string eventName = PipelineReviewRequest.EventNameFor(stage.Id);
        TimeSpan timeout = TimeSpan.FromSeconds(stage.Review.TimeoutSeconds);
        run.ReportProgress(new PipelineReviewRequest
        {
            EventName = eventName,
            Candidates = answers,
            Agreement = agreement,
            DeadlineUtc = run.Orchestration.CurrentUtcDateTime + timeout,
        });
        string below = string.Create(CultureInfo.InvariantCulture, $"{said} < {stage.Threshold}");
        PipelineReviewAnswer? review;
        try
        {
            review = await run.Orchestration.WaitForExternalEvent<PipelineReviewAnswer?>(eventName, timeout).ConfigureAwait(true);
        }
        catch (TaskCanceledException)
        {
            // The wait's durable timer fired first: nobody reviewed in time.
            run.ReportProgress();
            return stage.Review.OnTimeout switch
            {
                ReviewTimeoutAction.Majority => new StageOutcome(answers[winner], record with { DecidedBy = "timeout:majority", Reason = below + "; review timed out: majority" }),
                ReviewTimeoutAction.Strongest => new StageOutcome(answers[^1], record with { DecidedBy = "timeout:strongest", Reason = below + "; review timed out: strongest member that answered" }),
                _ => throw run.Fail($"{below} and nobody answered the review within {timeout}; raise event '{eventName}' in time, or set review.onTimeout to 'majority' or 'strongest'"),
            };
        }

        run.ReportProgress();
        if (review?.Text is { Length: > 0 } text)
        {
            return new StageOutcome(text, record with { DecidedBy = "review", Reason = below + "; reviewer wrote the answer" });
        }

        if (review?.Choice is { } choice && choice >= 1 && choice <= answers.Count)
        {
            return new StageOutcome(answers[choice - 1], record with { DecidedBy = "review", Reason = below + $"; reviewer chose candidate {choice}" });
        }

        throw run.Fail($"the review raised on '{eventName}' has neither Text nor a Choice between 1 and {answers.Count}");
    }

    private static async Task<ModelCallResult?> AnswerOrNullAsync(StageContext run, ModelStep member, Dictionary<string, string> values)
    {
        try
        {
            return await run.CallAsync(member, "ensemble", "{{input}}", values).ConfigureAwait(true);
        }
        catch (ModelCallFailedException)
        {
            return null;
        }
    }

    private static async Task<string> SynthesizeAsync(StageContext run, EnsembleStageDefinition stage, Dictionary<string, string> values, List<string> answers)
    {
        values["answers"] = string.Join("\n\n", answers.Select((a, i) => $"Candidate {i + 1}:\n{a}"));
        ModelCallResult result = await run.CallAsync(stage.Synthesizer!, "synthesize", DefaultSynthesisPrompt, values).ConfigureAwait(true);
        return result.Json ?? result.Text;
    }
}
