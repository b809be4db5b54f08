using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Evaluation.Tests.Fakes;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.Tests.Scoring;

public sealed class JudgeScorerTests
{
    // The fake server reports 100 input and 20 output tokens per call; the judge model costs $1/$2 per 1M.
    private const decimal OneJudgeCall = (100m * 1 / 1_000_000) + (20m * 2 / 1_000_000);

    private static readonly EvalItem Item = new() { Id = "q-1", Input = "What is the capital of France?", Reference = System.Text.Json.JsonDocument.Parse("\"Paris\"").RootElement };

    [Fact]
    public async Task Scores_through_the_gateway_and_records_its_own_cost_under_eval_judge()
    {
        await using LoopbackGateway loop = await LoopbackGateway.StartAsync();
        loop.Server.Always("judge", prompt => prompt.Contains("Answer to grade:\nParis, on the Seine", StringComparison.Ordinal)
            ? """{"score": 0.8, "reasons": ["correct city", "adds an unasked detail"]}"""
            : """{"score": 0, "reasons": ["wrong"]}""");
        var judge = new JudgeScorer(loop.Gateway, role: "judge");

        Score score = await judge.ScoreAsync(Item, new SystemAnswer("Paris, on the Seine", null, "eval-x-s0-0"), TestTimeout.Token());

        Assert.Equal(0.8, score.Value, 6);
        Assert.Contains("correct city; adds an unasked detail", score.Detail);
        Assert.Equal(OneJudgeCall, score.CostUsd);
        (string model, string prompt) = Assert.Single(loop.Server.Requests);
        Assert.Equal("judge", model);
        Assert.Contains("Reference answer:\nParis", prompt);
        Assert.Contains(JudgeScorer.DefaultRubric, prompt);
        CostRecord record = Assert.Single(loop.Ledger.Records);
        Assert.Equal(JudgeScorer.TaskType, record.TaskType);
        Assert.Equal(JudgeScorer.TaskType, record.Pipeline);
        Assert.Equal("eval-x-s0-0/judge", record.RunId);
        Assert.Equal(OneJudgeCall, record.CostUsd);
    }

    [Fact]
    public async Task A_verdict_outside_the_schema_scores_zero_and_its_cost_still_counts()
    {
        await using LoopbackGateway loop = await LoopbackGateway.StartAsync();
        loop.Server.Always("judge", _ => """{"score": "high"}""");
        var judge = new JudgeScorer(loop.Gateway, role: "judge");

        Score score = await judge.ScoreAsync(Item, "Lyon", TestTimeout.Token());

        Assert.Equal(0, score.Value);
        Assert.StartsWith("judge failed", score.Detail);
        Assert.Equal(OneJudgeCall, score.CostUsd);
        Assert.Equal(OneJudgeCall, loop.Ledger.Records.Where(r => r.TaskType == JudgeScorer.TaskType).Sum(r => r.CostUsd));
    }

    [Fact]
    public void Scorers_are_chosen_by_name_and_a_judge_needs_a_role()
    {
        Assert.Equal("route", ScorerSpec.Create("route").Name);
        Assert.Equal("label-match", ScorerSpec.Create("label").Name);
        Assert.Equal("json-field", ScorerSpec.Create("json:customer.tier").Name[..10]);
        Assert.Contains("--judge ROLE", Assert.Throws<FormatException>(() => ScorerSpec.Create("judge")).Message);
        Assert.Contains("unknown scorer 'bleu'", Assert.Throws<FormatException>(() => ScorerSpec.Create("bleu")).Message);
    }
}
