using ModelAlloy.Evaluation.Comparison;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Replay;
using ModelAlloy.Evaluation.Routing;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Evaluation.Tests.Fakes;

namespace ModelAlloy.Evaluation.Tests.Comparison;

public sealed class ModelComparisonTests
{
    [Fact]
    public async Task Outcomes_carry_output_tokens_cost_and_judge_score_and_the_trainer_learns_from_them()
    {
        await using LoopbackGateway loop = await LoopbackGateway.StartAsync();
        ScriptedModels.Script(loop.Server);
        EvalItem[] prompts = ScriptedModels.Prompts.Select((p, i) => new EvalItem { Id = $"p{i + 1}", Input = p }).ToArray();

        IReadOnlyList<ComparisonOutcome> outcomes = await ModelComparison.RunAsync(
            loop.Gateway, loop.Catalog, prompts, ["cheap", "capable"], new JudgeScorer(loop.Gateway, "judge"), concurrency: 4, TestTimeout.Token(60));

        Assert.Equal(2 * ScriptedModels.Count, outcomes.Count);
        ComparisonOutcome first = outcomes[0], second = outcomes[1];
        Assert.Equal(("p1", "cheap", "wrong", 0.0), (first.PromptId, first.Model, first.Output, first.Score!.Value));
        Assert.Equal(("p1", "capable", "right", 1.0), (second.PromptId, second.Model, second.Output, second.Score!.Value));
        Assert.Equal((100, 20), (first.InputTokens, first.OutputTokens));
        Assert.Equal((100m * 1 / 1_000_000) + (20m * 2 / 1_000_000), first.CostUsd);
        Assert.Equal((100m * 10 / 1_000_000) + (20m * 30 / 1_000_000), second.CostUsd);
        Assert.Equal(first.CostUsd, first.JudgeCostUsd);
        Assert.Equal(("Standard", "Premium"), (first.Tier, second.Tier));
        Assert.Equal(outcomes.Sum(o => o.JudgeCostUsd), loop.Ledger.Records.Where(r => r.TaskType == JudgeScorer.TaskType).Sum(r => r.CostUsd));

        string folder = Directory.CreateTempSubdirectory("alloy-outcomes-").FullName;
        try
        {
            ComparisonOutcomeFile.Write(folder, outcomes);
            IReadOnlyList<RecordedOutcome> rows = ComparisonOutcomes.ToRecorded(ComparisonOutcomeFile.Read(folder));

            Assert.Equal(ScriptedModels.Count, rows.Count);
            for (int i = 1; i <= ScriptedModels.Count; i++)
            {
                RecordedOutcome row = rows[i - 1];
                Assert.Equal((ScriptedModels.WeakRight(i), ScriptedModels.StrongRight(i)), (row.WeakCorrect, row.StrongCorrect));
            }

            LearnedRouter router = LearnedRouterTrainer.Train(rows, new LearnedRouterOptions { Permutations = 200 }, cancellationToken: TestTimeout.Token(60));
            Assert.Equal(ScriptedModels.Count, router.Manifest.TrainingRows);
            Assert.Contains("compare", router.Manifest.TaskTypes.Keys);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_line_that_is_not_an_outcome_is_named_by_file_and_line()
    {
        string folder = Directory.CreateTempSubdirectory("alloy-outcomes-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(folder, "a.jsonl"), ["""{"promptId":"p1","prompt":"x","model":"m"}""", "not json"]);
            var ex = Assert.Throws<InvalidDataException>(() => ComparisonOutcomeFile.Read(folder));
            Assert.StartsWith("a.jsonl line 2: not an outcome", ex.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
