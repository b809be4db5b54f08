namespace ModelAlloy.Models;

/// <summary>
/// The retry / fallback / larger-context / budget policy as a deterministic state machine: it reads only the
/// plan and the outcomes it is fed, so an orchestration replaying the same history takes the same path.
/// Every model is entered at most once (plus one budget downgrade) and retries are bounded, so it terminates.
/// </summary>
internal sealed class ModelCallPlanner
{
    private readonly ModelCallPlan _plan;
    private readonly HashSet<string> _visited = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _notes = [];
    private ModelCandidate? _current;
    private int _attempt;
    private int _failuresOnCurrent;
    private bool _downgraded;

    public ModelCallPlanner(ModelCallPlan plan)
    {
        _plan = plan;
    }

    public PolicyDecision Start() => EnterNext(NextInChain(), fallbackFrom: null);

    public PolicyDecision OnOutcome(ModelAttemptOutcome outcome)
    {
        if (outcome.Failure is not { } failure)
        {
            return new SucceedDecision(outcome);
        }

        _notes.Add($"#{outcome.Attempt} {outcome.ModelId}: {failure.Kind}: {failure.Message}");
        _failuresOnCurrent++;
        switch (failure.Kind)
        {
            case ModelFailureKind.BudgetExceeded:
                return OnBudgetExceeded(outcome, failure);
            case ModelFailureKind.ContextLengthExceeded:
                return _downgraded ? Exhausted() : EnterNext(NextLarger(), outcome.CallId);
            case ModelFailureKind.CoolingDown:
                return _downgraded ? Exhausted() : EnterNext(NextInChain(), outcome.CallId);
        }

        if (failure.IsTransient
            && _failuresOnCurrent < _plan.Retry.MaxAttemptsPerModel
            && !RetryDelayCalculator.IsTooLong(_plan.Retry, failure.RetryAfter))
        {
            TimeSpan delay = RetryDelayCalculator.Compute(_plan.Retry, _failuresOnCurrent, failure.RetryAfter);
            return new AttemptDecision(_current!.ModelId, ++_attempt, delay, null, _downgraded);
        }

        return _downgraded ? Exhausted() : EnterNext(NextInChain(), outcome.CallId);
    }

    private PolicyDecision OnBudgetExceeded(ModelAttemptOutcome outcome, ModelCallFailure failure)
    {
        if (_plan.OnBudgetExceeded != BudgetExceededAction.Downgrade || _downgraded)
        {
            return new FailDecision(failure.ErrorCode ?? ModelErrorCodes.RunBudgetExceeded, failure.Message, EscalateToHuman: false);
        }

        _downgraded = true;
        ModelCandidate cheapest = _plan.Candidates.MinBy(c => c.PriceRank)!;
        _notes.Add($"budget spent: downgrading to the cheapest model '{cheapest.ModelId}'");
        _visited.Add(cheapest.ModelId);
        _current = cheapest;
        _failuresOnCurrent = 0;
        return new AttemptDecision(cheapest.ModelId, ++_attempt, TimeSpan.Zero, outcome.CallId, AllowOverBudget: true);
    }

    private PolicyDecision EnterNext(ModelCandidate? next, string? fallbackFrom)
    {
        if (next is null)
        {
            return Exhausted();
        }

        _visited.Add(next.ModelId);
        _current = next;
        _failuresOnCurrent = 0;
        return new AttemptDecision(next.ModelId, ++_attempt, TimeSpan.Zero, fallbackFrom, AllowOverBudget: false);
    }

    private ModelCandidate? NextInChain()
    {
        foreach (ModelCandidate candidate in _plan.Candidates.Where(c => !_visited.Contains(c.ModelId)))
        {
            if (candidate.ContextWindow >= _plan.EstimatedPromptTokens)
            {
                return candidate;
            }

            _visited.Add(candidate.ModelId);
            _notes.Add($"{candidate.ModelId}: skipped: context window {candidate.ContextWindow} exceeded by {_plan.EstimatedPromptTokens - candidate.ContextWindow} tokens");
        }

        return null;
    }

    private ModelCandidate? NextLarger()
    {
        int floor = Math.Max(_current?.ContextWindow ?? 0, (int)Math.Min(int.MaxValue, _plan.EstimatedPromptTokens));
        return _plan.Candidates.Concat(_plan.LargerContext)
            .FirstOrDefault(c => !_visited.Contains(c.ModelId) && c.ContextWindow > floor);
    }

    private FailDecision Exhausted()
    {
        bool contextOnly = _notes.Count > 0 && _notes.All(n => n.Contains("context", StringComparison.OrdinalIgnoreCase));
        string code = contextOnly ? ModelErrorCodes.ContextWindowExceeded : ModelErrorCodes.AllAttemptsFailed;
        string message = $"model call '{_plan.Name}' failed after {_attempt} attempt(s) on {_visited.Count} model(s)"
            + (_plan.EscalateToHuman ? "; escalating to a human" : "; check the models' status, quotas and credentials, or extend the chain")
            + ":" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", _notes);
        return new FailDecision(code, message, _plan.EscalateToHuman);
    }
}
