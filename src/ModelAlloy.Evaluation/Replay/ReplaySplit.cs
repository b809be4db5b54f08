namespace ModelAlloy.Evaluation.Replay;

/// <summary>A train/test split of recorded outcomes.</summary>
/// <param name="Train">The rows a policy may learn from.</param>
/// <param name="Test">The rows it is measured on.</param>
public sealed record ReplaySplit(IReadOnlyList<RecordedOutcome> Train, IReadOnlyList<RecordedOutcome> Test);
