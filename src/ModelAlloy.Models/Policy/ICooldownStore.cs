namespace ModelAlloy.Models;

/// <summary>
/// Per-model failure counts and cooldowns, shared by every worker (Table Storage in production). A model whose
/// consecutive failures reach <see cref="CooldownOptions.FailureThreshold"/> is skipped until the cooldown ends.
/// </summary>
public interface ICooldownStore
{
    /// <summary>Returns when the model's cooldown ends, or null when it is not cooling down at <paramref name="now"/>.</summary>
    /// <param name="modelId">The model.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The end of the cooldown, or null.</returns>
    Task<DateTimeOffset?> GetCooldownAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Counts a failure; returns the end of the cooldown when this failure started one.</summary>
    /// <param name="modelId">The model.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The end of a cooldown that just started, or null.</returns>
    Task<DateTimeOffset?> RecordFailureAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Resets the model's consecutive failure count.</summary>
    /// <param name="modelId">The model.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task RecordSuccessAsync(string modelId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
