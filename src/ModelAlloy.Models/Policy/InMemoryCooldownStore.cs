namespace ModelAlloy.Models;

/// <summary>A process-local cooldown store (tests, single-process runs).</summary>
public sealed class InMemoryCooldownStore(CooldownOptions options) : ICooldownStore
{
    private readonly Dictionary<string, (int Failures, DateTimeOffset? Until)> _state = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public Task<DateTimeOffset?> GetCooldownAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_state.TryGetValue(modelId, out var s) && s.Until > now ? s.Until : null);
        }
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset?> RecordFailureAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _state.TryGetValue(modelId, out var s);
            (int failures, DateTimeOffset? until) = CooldownRule.Apply(options, s.Failures, s.Until, now);
            _state[modelId] = (failures, until);
            return Task.FromResult(until != s.Until ? until : null);
        }
    }

    /// <inheritdoc/>
    public Task RecordSuccessAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state.TryGetValue(modelId, out var s))
            {
                _state[modelId] = (0, s.Until);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>The one rule both stores apply when a failure is counted.</summary>
internal static class CooldownRule
{
    public static (int Failures, DateTimeOffset? Until) Apply(CooldownOptions options, int failures, DateTimeOffset? until, DateTimeOffset now)
    {
        if (options.FailureThreshold <= 0)
        {
            return (0, until);
        }

        failures++;
        return failures >= options.FailureThreshold ? (0, now + options.Duration) : (failures, until);
    }
}
