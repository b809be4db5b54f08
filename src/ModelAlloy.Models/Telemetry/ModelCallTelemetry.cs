using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ModelAlloy.Models;

/// <summary>
/// One span per attempt and the cost, token and duration metrics, from the attempt and its ledger row (so the span's
/// cost is the ledger's). Content (prompt, completion) only with <see cref="ModelTelemetryOptions.RecordContent"/>.
/// </summary>
internal sealed class ModelCallTelemetry(IOptions<ModelTelemetryOptions> options, SecretRedactor redactor)
{
    private readonly bool _recordContent = options.Value.RecordContent;

    /// <summary>Starts the attempt's span (null when nobody listens), parented to the run's trace.</summary>
    public Activity? Start(ModelAttemptInput input, ModelDefinition model)
    {
        string instanceId = input.InstanceId ?? input.RunId;
        Activity? span = ModelAlloyTelemetry.Source.StartActivity(
            $"{GenAIAttributes.Chat} {model.DeploymentOrId}", ActivityKind.Client, RunTrace.ParentFor(instanceId));
        if (span is null)
        {
            return null;
        }

        string provider = GenAIAttributes.ProviderOf(model.Provider);
        ModelCallRequest request = input.Request;
        span.SetTag(GenAIAttributes.OperationName, GenAIAttributes.Chat);
        span.SetTag(GenAIAttributes.ProviderName, provider);
        span.SetTag(GenAIAttributes.System, provider);
        span.SetTag(GenAIAttributes.RequestModel, model.DeploymentOrId);
        span.SetTag(GenAIAttributes.RequestMaxTokens, Math.Min(request.MaxOutputTokens ?? model.MaxOutputTokens, model.MaxOutputTokens));
        if (request.Temperature is { } temperature)
        {
            span.SetTag(GenAIAttributes.RequestTemperature, (double)temperature);
        }

        if (Uri.TryCreate(model.Endpoint, UriKind.Absolute, out Uri? endpoint))
        {
            span.SetTag(GenAIAttributes.ServerAddress, endpoint.Host);
        }

        span.SetTag(GenAIAttributes.ModelId, model.Id);
        span.SetTag(GenAIAttributes.Tier, model.Tier.ToString());
        span.SetTag(GenAIAttributes.Pipeline, request.Pipeline);
        span.SetTag(GenAIAttributes.Stage, request.Stage);
        span.SetTag(GenAIAttributes.TaskType, request.TaskType);
        span.SetTag(GenAIAttributes.InstanceId, instanceId);
        span.SetTag(GenAIAttributes.RunId, input.RunId);
        span.SetTag(GenAIAttributes.CallId, input.CallId);
        span.SetTag(GenAIAttributes.Attempt, input.Attempt);
        if (_recordContent)
        {
            span.SetTag(GenAIAttributes.InputMessages, Serialize(request.Messages.Select(m => new ContentMessage(m.Role, m.Text))));
        }

        return span;
    }

    /// <summary>Ends the span with the attempt's ledger row and records the metrics.</summary>
    public void Complete(Activity? span, CostRecord record, ModelCallFailure? failure, ChatResponse? response)
    {
        ModelCallMetrics.Record(record);
        if (span is null)
        {
            return;
        }

        span.SetTag(GenAIAttributes.ResponseModel, response?.ModelId);
        span.SetTag(GenAIAttributes.ResponseId, response?.ResponseId);
        span.SetTag(GenAIAttributes.InputTokens, record.InputTokens);
        span.SetTag(GenAIAttributes.OutputTokens, record.OutputTokens);
        span.SetTag(GenAIAttributes.CachedInputTokens, record.CachedInputTokens);
        span.SetTag(GenAIAttributes.UsageEstimated, record.UsageEstimated);
        span.SetTag(GenAIAttributes.CostUsd, (double)record.CostUsd);
        span.SetTag(GenAIAttributes.CacheHit, record.CacheHit);
        span.SetTag(GenAIAttributes.Outcome, record.Outcome);
        span.SetTag(GenAIAttributes.Simulated, record.Simulated);
        if (failure is not null)
        {
            span.SetTag(GenAIAttributes.ErrorType, failure.Kind.ToString());
            span.SetStatus(ActivityStatusCode.Error, failure.Message);
        }
        else if (_recordContent && response is not null)
        {
            span.SetTag(GenAIAttributes.OutputMessages, Serialize([new ContentMessage(ChatRole.Assistant.Value, response.Text)]));
        }

        span.Dispose();
    }

    private string Serialize(IEnumerable<ContentMessage> messages) =>
        redactor.Redact(JsonSerializer.Serialize(messages.Select(m => new { role = m.Role, parts = new[] { new { type = "text", content = m.Text } } })));

    private sealed record ContentMessage(string Role, string Text);
}
