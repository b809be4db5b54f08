namespace ModelAlloy.Models.Tests.Policy;

/// <summary>The policy state machine on its own: outcomes in, decisions out, no I/O.</summary>
public sealed class ModelCallPlannerTests
{
    [Fact]
    public void Starts_with_the_first_model_of_the_chain()
    {
        var planner = new ModelCallPlanner(Plan());

        Assert.Equal(new AttemptDecision("a", 1, TimeSpan.Zero, null, false), planner.Start());
    }

    [Fact]
    public void Transient_failures_retry_the_same_model_then_move_on_after_the_attempt_limit()
    {
        var planner = new ModelCallPlanner(Plan());
        planner.Start();

        var second = (AttemptDecision)planner.OnOutcome(Failed("a", 1, ModelFailureKind.ServerError));
        var third = (AttemptDecision)planner.OnOutcome(Failed("a", 2, ModelFailureKind.Timeout));
        var fourth = (AttemptDecision)planner.OnOutcome(Failed("a", 3, ModelFailureKind.RateLimited, TimeSpan.FromSeconds(3)));

        Assert.Equal(("a", 2, TimeSpan.FromSeconds(1)), (second.ModelId, second.Attempt, second.Delay));
        Assert.Equal(("a", 3, TimeSpan.FromSeconds(2)), (third.ModelId, third.Attempt, third.Delay));
        Assert.Equal(("b", 4, TimeSpan.Zero, "c|03"), (fourth.ModelId, fourth.Attempt, fourth.Delay, fourth.FallbackFromCallId));
    }

    [Theory]
    [InlineData(ModelFailureKind.ContentFiltered)]
    [InlineData(ModelFailureKind.Unauthorized)]
    [InlineData(ModelFailureKind.BadRequest)]
    [InlineData(ModelFailureKind.InvalidStructuredOutput)]
    [InlineData(ModelFailureKind.EmptyAnswer)]
    [InlineData(ModelFailureKind.CoolingDown)]
    public void Non_transient_failures_go_straight_to_the_next_model(ModelFailureKind kind)
    {
        var planner = new ModelCallPlanner(Plan());
        planner.Start();

        var next = (AttemptDecision)planner.OnOutcome(Failed("a", 1, kind));

        Assert.Equal(("b", TimeSpan.Zero), (next.ModelId, next.Delay));
    }

    [Fact]
    public void Context_length_picks_a_larger_model_from_the_chain_or_else_the_catalog()
    {
        ModelCallPlan plan = Plan() with
        {
            Candidates = [Candidate("a", 8_000), Candidate("b", 8_000), Candidate("c", 32_000)],
            LargerContext = [Candidate("x", 16_000), Candidate("y", 1_000_000)],
        };
        var planner = new ModelCallPlanner(plan);
        planner.Start();

        var larger = (AttemptDecision)planner.OnOutcome(Failed("a", 1, ModelFailureKind.ContextLengthExceeded));
        var largest = (AttemptDecision)planner.OnOutcome(Failed("c", 2, ModelFailureKind.ContextLengthExceeded));

        Assert.Equal("c", larger.ModelId);
        Assert.Equal("y", largest.ModelId);
    }

    [Fact]
    public void Models_too_small_for_the_estimated_prompt_are_skipped_and_named_in_the_failure()
    {
        var planner = new ModelCallPlanner(Plan() with { EstimatedPromptTokens = 10_000, Candidates = [Candidate("a", 4_000), Candidate("b", 8_000)] });

        var failure = Assert.IsType<FailDecision>(planner.Start());

        Assert.Equal(ModelErrorCodes.ContextWindowExceeded, failure.ErrorCode);
        Assert.Contains("a: skipped: context window 4000 exceeded by 6000 tokens", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_exceeded_stops_with_the_budget_error_code()
    {
        var planner = new ModelCallPlanner(Plan());
        planner.Start();

        var stop = Assert.IsType<FailDecision>(planner.OnOutcome(Failed("a", 1, ModelFailureKind.BudgetExceeded, errorCode: ModelErrorCodes.DailyBudgetExceeded)));

        Assert.Equal(ModelErrorCodes.DailyBudgetExceeded, stop.ErrorCode);
    }

    [Fact]
    public void Budget_exceeded_downgrades_once_to_the_cheapest_model_when_configured()
    {
        var planner = new ModelCallPlanner(Plan() with { OnBudgetExceeded = BudgetExceededAction.Downgrade });
        planner.Start();

        var downgrade = (AttemptDecision)planner.OnOutcome(Failed("a", 1, ModelFailureKind.BudgetExceeded));
        var stop = planner.OnOutcome(Failed("cheap", 2, ModelFailureKind.BudgetExceeded));

        Assert.Equal(("cheap", true), (downgrade.ModelId, downgrade.AllowOverBudget));
        Assert.IsType<FailDecision>(stop);
    }

    [Fact]
    public void An_exhausted_chain_fails_once_listing_every_attempt_and_asks_for_a_human_when_configured()
    {
        var planner = new ModelCallPlanner(Plan() with { EscalateToHuman = true, Retry = new RetryOptions { MaxAttemptsPerModel = 1 } });
        planner.Start();
        planner.OnOutcome(Failed("a", 1, ModelFailureKind.ServerError));
        planner.OnOutcome(Failed("b", 2, ModelFailureKind.ContentFiltered));

        var failure = Assert.IsType<FailDecision>(planner.OnOutcome(Failed("cheap", 3, ModelFailureKind.EmptyAnswer)));

        Assert.True(failure.EscalateToHuman);
        Assert.Equal(ModelErrorCodes.AllAttemptsFailed, failure.ErrorCode);
        Assert.Contains("failed after 3 attempt(s) on 3 model(s); escalating to a human", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#2 b: ContentFiltered", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Success_ends_the_call()
    {
        var planner = new ModelCallPlanner(Plan());
        planner.Start();
        var ok = new ModelAttemptOutcome { CallId = "c|01", ModelId = "a", Provider = ModelProviderKind.Simulated, Attempt = 1, Text = "hi" };

        Assert.Equal(ok, Assert.IsType<SucceedDecision>(planner.OnOutcome(ok)).Outcome);
    }

    private static ModelCallPlan Plan() => new()
    {
        Name = "chat",
        Candidates = [Candidate("a", 128_000, 10m), Candidate("b", 128_000, 5m), Candidate("cheap", 128_000, 0.5m)],
        Retry = new RetryOptions { MaxAttemptsPerModel = 3, FirstInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromSeconds(30) },
        EstimatedPromptTokens = 100,
    };

    private static ModelCandidate Candidate(string id, int context, decimal price = 1m) => new(id, context, price, price * 4);

    private static ModelAttemptOutcome Failed(string model, int attempt, ModelFailureKind kind, TimeSpan? retryAfter = null, string? errorCode = null) => new()
    {
        CallId = $"c|{attempt:D2}",
        ModelId = model,
        Provider = ModelProviderKind.Simulated,
        Attempt = attempt,
        Failure = new ModelCallFailure(kind, "failed", RetryAfter: retryAfter, ErrorCode: errorCode),
    };
}
