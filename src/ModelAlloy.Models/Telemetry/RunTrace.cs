using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ModelAlloy.Models;

/// <summary>
/// The trace a run's model-call spans belong to. When the engine hands the attempt a span (trace context propagated
/// from the run's start), the attempt's span is its child. When it hands none, the parent is derived from the instance
/// id: trace id and span id are a hash of it, so every attempt of the run, on any worker and after any restart, lands
/// in the same trace, and the trace id (Application Insights' operation id) can be computed from the run's id.
/// </summary>
public static class RunTrace
{
    /// <summary>The run's derived trace context (used as a remote parent).</summary>
    /// <param name="instanceId">The orchestration instance id.</param>
    /// <returns>The context: trace id from the first 16 bytes of SHA-256 of the id, span id from the next 8.</returns>
    public static ActivityContext ContextOf(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("modelalloy-run:" + instanceId), hash);
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash[..16]), ActivitySpanId.CreateFromBytes(hash[16..24]), ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>The parent for an attempt's span: none (the ambient span) when there is one, else the run's derived context.</summary>
    internal static ActivityContext ParentFor(string instanceId) => Activity.Current is null ? ContextOf(instanceId) : default;
}
