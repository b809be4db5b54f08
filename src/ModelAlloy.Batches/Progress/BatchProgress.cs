namespace ModelAlloy.Batches.Progress;

/// <summary>Where a batch pass stands: what finished, what runs, what it cost so far and when it should end.</summary>
public sealed record BatchProgress
{
    /// <summary>Gets the number of items in the batch.</summary>
    public int Total { get; init; }

    /// <summary>Gets how many items completed (read-back ones included).</summary>
    public int Done { get; init; }

    /// <summary>Gets how many items failed (read-back ones included).</summary>
    public int Failed { get; init; }

    /// <summary>Gets how many finished items were read back from an earlier pass.</summary>
    public int Skipped { get; init; }

    /// <summary>Gets how many runs are in flight.</summary>
    public int InFlight { get; init; }

    /// <summary>Gets the cost so far in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the time since the pass started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Gets the estimated time to the end from this pass's rate, or null before anything ran.</summary>
    public TimeSpan? Eta { get; init; }

    /// <summary>Gets how many items finished.</summary>
    public int Finished => Done + Failed;
}
