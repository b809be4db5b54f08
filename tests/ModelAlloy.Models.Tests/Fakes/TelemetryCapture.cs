using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>
/// The host's own OpenTelemetry pipeline (AddModelAlloyTelemetry) with in-memory exporters added. Spans and metric
/// points of other tests running in the same process are filtered out by the caller (instance id, pipeline name).
/// </summary>
public sealed class TelemetryCapture
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private IServiceProvider? _services;

    /// <summary>Adds the exporters to the host's tracer and meter providers.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
    }

    /// <summary>Binds the capture to the started host (for flushing metrics).</summary>
    public void Attach(IServiceProvider services) => _services = services;

    /// <summary>The model-call spans of one instance.</summary>
    public IReadOnlyList<Activity> ModelCallSpans(string instanceId)
    {
        lock (_spans)
        {
            return _spans.Where(s => s.Source.Name == ModelAlloyTelemetry.SourceName && (string?)s.GetTagItem("modelalloy.instance_id") == instanceId).ToList();
        }
    }

    /// <summary>All spans exported so far.</summary>
    public IReadOnlyList<Activity> AllSpans()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>Flushes the meter provider and sums a metric's points whose tags include <paramref name="tags"/>.</summary>
    public double Sum(string metric, params (string Key, string Value)[] tags)
    {
        Assert.True(_services!.GetRequiredService<MeterProvider>().ForceFlush(10_000), "metrics flush timed out");
        double sum = 0;
        lock (_metrics)
        {
            // Cumulative temporality: the last snapshot of each point holds the total so far.
            MetricSnapshot? last = _metrics.LastOrDefault(m => m.Name == metric);
            foreach (MetricPoint point in last?.MetricPoints ?? [])
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (tags.All(t => pointTags.TryGetValue(t.Key, out object? v) && (string?)v == t.Value))
                {
                    sum += last!.MetricType switch
                    {
                        MetricType.DoubleSum => point.GetSumDouble(),
                        MetricType.LongSum => point.GetSumLong(),
                        MetricType.Histogram => point.GetHistogramCount(),
                        _ => throw new InvalidOperationException($"{metric}: unexpected {last.MetricType}"),
                    };
                }
            }
        }

        return sum;
    }
}
