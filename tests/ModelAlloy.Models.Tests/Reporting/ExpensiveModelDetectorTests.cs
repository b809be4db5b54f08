namespace ModelAlloy.Models.Tests.Reporting;

public sealed class ExpensiveModelDetectorTests
{
    [Fact]
    public void Flags_an_expensive_model_whose_task_a_cheap_model_does_as_well()
    {
        List<CostRecord> records = [.. Calls("classify", "gpt-4o", 20, 19, 0.02m), .. Calls("classify", "gpt-4o-mini", 20, 19, 0.0006m)];

        ExpensiveModelFinding finding = Assert.Single(ExpensiveModelDetector.Detect(records));

        Assert.Equal(("classify", "gpt-4o", "gpt-4o-mini"), (finding.TaskType, finding.ExpensiveModel, finding.CheapModel));
        Assert.Equal(0.4m / 19, finding.ExpensiveCostPerAnswer);
        Assert.Equal(19, finding.ExpensiveAnswers);
        Assert.Equal(0.4m - (19 * (0.012m / 19)), finding.PotentialSavingUsd);
    }

    [Fact]
    public void Rate_limits_and_timeouts_do_not_count_against_a_models_quality()
    {
        List<CostRecord> cheap = [.. Calls("classify", "mini", 20, 20, 0.0006m)];
        cheap.AddRange(Calls("classify", "mini", 5, 0, 0m).Select((r, i) => r with { CallId = $"rl-{i}", Outcome = "RateLimited" }));

        ExpensiveModelFinding finding = Assert.Single(ExpensiveModelDetector.Detect([.. Calls("classify", "gpt-4o", 20, 20, 0.02m), .. cheap]));

        Assert.Equal(1.0, finding.CheapSuccessRate);
    }

    [Fact]
    public void Prompt_cache_hits_are_answers_of_the_model_like_any_other()
    {
        // A prompt cache hit still reached the model and was judged; only part of its input was billed cheaper.
        List<CostRecord> expensive = [.. Calls("classify", "gpt-4o", 20, 20, 0.02m).Select(r => r with { CachedInputTokens = 800, CacheHit = true })];

        ExpensiveModelFinding finding = Assert.Single(ExpensiveModelDetector.Detect([.. expensive, .. Calls("classify", "gpt-4o-mini", 20, 20, 0.0006m)]));

        Assert.Equal(20, finding.ExpensiveAnswers);
    }

    [Fact]
    public void Attempts_skipped_without_a_call_do_not_make_up_a_models_sample()
    {
        // Three real answers are under MinAttempts (5); five zero-cost cooling-down rows must not lift it over.
        List<CostRecord> cheap = [.. Calls("classify", "mini", 3, 3, 0.0006m)];
        cheap.AddRange(Enumerable.Range(0, 5).Select(i => CostAggregatorTests.Skipped("mini", "CoolingDown", i)));

        Assert.Empty(ExpensiveModelDetector.Detect([.. Calls("classify", "gpt-4o", 20, 20, 0.02m), .. cheap]));
    }

    [Fact]
    public void Does_not_flag_when_the_cheap_model_is_worse()
    {
        List<CostRecord> records = [.. Calls("reason", "gpt-4o", 20, 19, 0.02m), .. Calls("reason", "gpt-4o-mini", 20, 12, 0.0006m)];

        Assert.Empty(ExpensiveModelDetector.Detect(records));
    }

    [Fact]
    public void Does_not_flag_small_price_gaps_small_samples_or_different_tasks()
    {
        List<CostRecord> records =
        [
            .. Calls("classify", "standard", 20, 20, 0.002m),
            .. Calls("classify", "mini", 20, 20, 0.0006m),
            .. Calls("extract", "premium", 20, 20, 0.05m),
            .. Calls("extract", "tiny", 3, 3, 0.0001m),
            .. Calls("summarize", "nano", 20, 20, 0.0001m),
        ];

        Assert.Empty(ExpensiveModelDetector.Detect(records));
    }

    internal static IEnumerable<CostRecord> Calls(string task, string model, int attempts, int succeeded, decimal costEach) =>
        Enumerable.Range(0, attempts).Select(i => new CostRecord
        {
            CallId = $"{model}-{task}-{i}", RunId = $"run-{i}", Pipeline = "support", TaskType = task, ModelId = model,
            Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "Anthropic" : "AzureOpenAI", Deployment = model,
            Attempt = 1, Outcome = i < succeeded ? "Succeeded" : "InvalidStructuredOutput", InputTokens = 1000, OutputTokens = 50,
            CostUsd = costEach, LatencyMs = 300, OccurredAtUtc = new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        });
}
