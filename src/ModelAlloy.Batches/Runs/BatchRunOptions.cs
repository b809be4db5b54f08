namespace ModelAlloy.Batches.Runs;

/// <summary>How a batch pass runs.</summary>
public sealed record BatchRunOptions
{
    /// <summary>Gets the batch id (with the item id, it names every run: the same id resumes the same batch).</summary>
    public required string BatchId { get; init; }

    /// <summary>Gets the pipeline every item runs.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Gets how many runs are in flight at most.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Gets how long a stopped pass waits for the runs in flight before it leaves them (to finish in the store, and be read back by a rerun).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the concurrency is not 1–1000 or the drain timeout is negative.</exception>
    /// <exception cref="ArgumentException">When the batch id or pipeline is empty.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(BatchId);
        ArgumentException.ThrowIfNullOrWhiteSpace(Pipeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Concurrency, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero);
    }
}
