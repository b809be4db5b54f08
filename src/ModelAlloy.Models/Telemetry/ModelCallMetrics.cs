using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ModelAlloy.Models;

/// <summary>The gateway's instruments, recorded once per ledger row (see <see cref="ModelAlloyTelemetry"/> for the names).</summary>
internal static class ModelCallMetrics
{
    private static readonly Counter<double> Cost = ModelAlloyTelemetry.Meter.CreateCounter<double>(
        ModelAlloyTelemetry.CostMetricName, "USD", "Cost of model calls in US dollars, by model, task type and pipeline.");

    private static readonly Counter<long> Tokens = ModelAlloyTelemetry.Meter.CreateCounter<long>(
        ModelAlloyTelemetry.TokensMetricName, "{token}", "Tokens of model calls, by model, task type, pipeline and token type.");

    private static readonly Histogram<double> Duration = ModelAlloyTelemetry.Meter.CreateHistogram<double>(
        ModelAlloyTelemetry.DurationMetricName, "s", "Duration of model calls (provider latency).");

    public static void Record(CostRecord record)
    {
        TagList tags = TagsOf(record);
        Cost.Add((double)record.CostUsd, tags);
        if (record.ReachedProvider)
        {
            Duration.Record(record.LatencyMs / 1000.0, tags);
        }

        TagList input = tags;
        input.Add(GenAIAttributes.TokenType, "input");
        Tokens.Add(record.InputTokens, input);
        TagList output = tags;
        output.Add(GenAIAttributes.TokenType, "output");
        Tokens.Add(record.OutputTokens, output);
    }

    private static TagList TagsOf(CostRecord record) => new()
    {
        { GenAIAttributes.OperationName, GenAIAttributes.Chat },
        { GenAIAttributes.RequestModel, record.Deployment },
        { GenAIAttributes.ModelId, record.ModelId },
        { GenAIAttributes.ProviderName, Enum.TryParse(record.Provider, out ModelProviderKind kind) ? GenAIAttributes.ProviderOf(kind) : record.Provider },
        { GenAIAttributes.TaskType, record.TaskType },
        { GenAIAttributes.Pipeline, record.Pipeline },
        { GenAIAttributes.Outcome, record.Outcome },
    };
}
