using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ModelAlloy.Models;

/// <summary>
/// The gateway's telemetry sources: one span per model-call attempt (OpenTelemetry GenAI conventions plus
/// <c>modelalloy.*</c> attributes) from the <see cref="ActivitySource"/> and cost, token and duration instruments from
/// the <see cref="Meter"/>, both named <see cref="SourceName"/>. Hosts add that name to their tracer and meter providers.
/// </summary>
public static class ModelAlloyTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string SourceName = "ModelAlloy.Models";

    /// <summary>The name of the Durable Task SDK's activity source (orchestration, activity and timer spans).</summary>
    public const string DurableTaskSourceName = "Microsoft.DurableTask";

    /// <summary>The cost counter (US dollars), tagged by model, provider, task type, pipeline and outcome.</summary>
    public const string CostMetricName = "modelalloy.model.cost";

    /// <summary>The token counter, tagged as <see cref="CostMetricName"/> plus <c>gen_ai.token.type</c> (input or output).</summary>
    public const string TokensMetricName = "modelalloy.model.tokens";

    /// <summary>The GenAI conventions' call duration histogram (seconds), tagged as <see cref="CostMetricName"/>.</summary>
    public const string DurationMetricName = "gen_ai.client.operation.duration";

    internal static readonly ActivitySource Source = new(SourceName, typeof(ModelAlloyTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(SourceName, typeof(ModelAlloyTelemetry).Assembly.GetName().Version?.ToString());
}
