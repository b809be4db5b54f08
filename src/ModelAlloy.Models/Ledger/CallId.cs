using System.Globalization;

namespace ModelAlloy.Models;

/// <summary>
/// Deterministic attempt ids: run id, the call's sequence in the run and the attempt number. A replayed or
/// redelivered attempt gets the same id, which is what makes the ledger idempotent.
/// </summary>
public static class CallId
{
    /// <summary>Builds the id, e.g. <c>run-42|0003|02</c>.</summary>
    /// <param name="runId">The run (orchestration instance) id.</param>
    /// <param name="callSequence">The call's sequence number in the run, from 1.</param>
    /// <param name="attempt">The attempt number within the call, from 1.</param>
    /// <returns>The call id.</returns>
    public static string For(string runId, int callSequence, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfLessThan(callSequence, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{runId}|{callSequence:D4}|{attempt:D2}");
    }
}
