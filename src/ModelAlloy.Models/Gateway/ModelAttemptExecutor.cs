using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ModelAlloy.Models;

/// <summary>Runs one attempt end to end; see <see cref="IModelAttemptExecutor"/>.</summary>
internal sealed class ModelAttemptExecutor(
    ModelCatalog catalog,
    ChatClientRegistry clients,
    ICostLedger ledger,
    ICooldownStore cooldowns,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<ModelAttemptExecutor> logger,
    ModelCallTelemetry? telemetry = null) : IModelAttemptExecutor
{
    private readonly ModelCallTelemetry _telemetry = telemetry ?? new(Microsoft.Extensions.Options.Options.Create(new ModelTelemetryOptions()), redactor);
    private readonly ModelCallPlanResolver _plans = new(catalog);
    private readonly BudgetGuard _budget = new(catalog.Options.Budgets, ledger);

    public Task<ModelCallPlan> ResolvePlanAsync(ModelCallRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(_plans.Resolve(request));

    public async Task<ModelAttemptOutcome> RunAttemptAsync(ModelAttemptInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ModelDefinition model = catalog.Get(input.ModelId);
        using Activity? span = _telemetry.Start(input, model);
        if (await cooldowns.GetCooldownAsync(model.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } until)
        {
            Logs.SkippedCoolingDown(logger, input.CallId, model.Id, until);
            var coolingDown = new ModelCallFailure(ModelFailureKind.CoolingDown, $"model '{model.Id}' is cooling down until {until:O} after repeated failures");
            return await SkipAsync(input, model, coolingDown, span, cancellationToken).ConfigureAwait(false);
        }

        if (await _budget.CheckAsync(input, cancellationToken).ConfigureAwait(false) is { } overBudget)
        {
            Logs.BudgetExceeded(logger, input.CallId, overBudget.Message);
            return await SkipAsync(input, model, overBudget, span, cancellationToken).ConfigureAwait(false);
        }

        ProviderCall call = await CallProviderAsync(input, model, cancellationToken).ConfigureAwait(false);
        ModelAttemptOutcome outcome = AttemptAssessment.Assess(input, model, call, redactor);
        if (outcome.Usage.Estimated)
        {
            Logs.UsageEstimated(logger, input.CallId);
        }

        CostRecord record = ToRecord(input, model, outcome);
        await ledger.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        _telemetry.Complete(span, record, outcome.Failure, call.Response);
        await UpdateCooldownAsync(model, outcome, cancellationToken).ConfigureAwait(false);
        Log(outcome, model, input, call);
        return outcome;
    }

    private async Task<ProviderCall> CallProviderAsync(ModelAttemptInput input, ModelDefinition model, CancellationToken cancellationToken)
    {
        IChatClient client = clients.Get(model);
        List<ChatMessage> messages = input.Request.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)).ToList();
        ChatOptions options = BuildOptions(input, model);
        TimeSpan timeout = input.Request.Timeout ?? catalog.Options.DefaultTimeout;
        ProviderResponseCapture capture = ProviderResponseCapture.Begin();
        long started = time.GetTimestamp();
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            ChatResponse response = await client.GetResponseAsync(messages, options, linked.Token).ConfigureAwait(false);
            return new ProviderCall(messages, response, null, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ModelCallFailure failure = FailureClassifier.Classify(ex, capture, redactor)
                ?? throw new ModelGatewayException(
                    ModelErrorCodes.ProviderUnexpected,
                    $"model '{model.Id}': the {model.Provider} client threw an unexpected {ex.GetType().Name}: {redactor.Redact(ex.Message)}");
            return new ProviderCall(messages, null, failure, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static ChatOptions BuildOptions(ModelAttemptInput input, ModelDefinition model)
    {
        ModelCallRequest request = input.Request;
        var options = new ChatOptions
        {
            ModelId = model.DeploymentOrId,
            Temperature = request.Temperature,
            MaxOutputTokens = Math.Min(request.MaxOutputTokens ?? model.MaxOutputTokens, model.MaxOutputTokens),
            AdditionalProperties = new AdditionalPropertiesDictionary { [SimulatedChatClient.AttemptProperty] = input.Attempt },
        };
        if (request.JsonSchema is { } schema)
        {
            using JsonDocument doc = JsonDocument.Parse(schema);
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(doc.RootElement.Clone(), "answer");
        }

        return options;
    }

    private async Task UpdateCooldownAsync(ModelDefinition model, ModelAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Failure is { CountsTowardCooldown: true })
        {
            if (await cooldowns.RecordFailureAsync(model.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } until)
            {
                Logs.CooldownStarted(logger, model.Id, until);
            }
        }
        else if (outcome.Succeeded)
        {
            await cooldowns.RecordSuccessAsync(model.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Log(ModelAttemptOutcome outcome, ModelDefinition model, ModelAttemptInput input, ProviderCall call)
    {
        if (outcome.Failure is { } failure)
        {
            Logs.AttemptFailed(logger, outcome.CallId, model.Id, model.Provider, outcome.LatencyMs, failure.Kind, failure.Message);
        }
        else
        {
            Logs.AttemptSucceeded(logger, outcome.CallId, model.Id, model.Provider, outcome.LatencyMs,
                outcome.Usage.InputTokens, outcome.Usage.OutputTokens, outcome.Usage.Estimated ? " (estimated)" : string.Empty, outcome.CostUsd);
        }

        if (logger.IsEnabled(LogLevel.Trace))
        {
            string prompt = string.Join(" | ", input.Request.Messages.Select(m => $"{m.Role}: {m.Text}"));
            Logs.PromptTrace(logger, outcome.CallId, redactor.Redact(prompt), redactor.Redact(call.Response?.Text));
        }
    }

    // A skipped attempt is in the caller's result and the next attempt falls back from it, so it gets its row too:
    // zero tokens, zero cost, idempotent on its call id like every other row (first write wins: a redelivery that
    // finds the cooldown over and calls the provider keeps the skip's row, a rare crash window left as is).
    private async Task<ModelAttemptOutcome> SkipAsync(
        ModelAttemptInput input, ModelDefinition model, ModelCallFailure failure, Activity? span, CancellationToken cancellationToken)
    {
        var outcome = new ModelAttemptOutcome
        {
            CallId = input.CallId,
            ModelId = model.Id,
            Provider = model.Provider,
            Attempt = input.Attempt,
            Failure = failure,
            Simulated = model.Provider == ModelProviderKind.Simulated,
        };
        CostRecord record = ToRecord(input, model, outcome);
        await ledger.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        _telemetry.Complete(span, record, failure, response: null);
        return outcome;
    }

    private static CostRecord ToRecord(ModelAttemptInput input, ModelDefinition model, ModelAttemptOutcome outcome) => new()
    {
        CallId = input.CallId,
        RunId = input.RunId,
        Pipeline = input.Request.Pipeline,
        Stage = input.Request.Stage,
        TaskType = input.Request.TaskType,
        ModelId = model.Id,
        Provider = model.Provider.ToString(),
        Deployment = model.DeploymentOrId,
        Attempt = input.Attempt,
        Outcome = outcome.Failure?.Kind.ToString() ?? "Succeeded",
        InputTokens = outcome.Usage.InputTokens,
        CachedInputTokens = outcome.Usage.CachedInputTokens,
        CacheHit = outcome.Usage.CachedInputTokens > 0,
        OutputTokens = outcome.Usage.OutputTokens,
        UsageEstimated = outcome.Usage.Estimated,
        CostUsd = outcome.CostUsd,
        LatencyMs = outcome.LatencyMs,
        Simulated = outcome.Simulated,
        FallbackFromCallId = input.FallbackFromCallId,
        OccurredAtUtc = DateTime.SpecifyKind(input.ScheduledAtUtc, DateTimeKind.Utc),
    };
}
