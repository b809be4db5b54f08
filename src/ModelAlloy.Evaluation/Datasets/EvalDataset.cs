namespace ModelAlloy.Evaluation.Datasets;

/// <summary>A loaded dataset: its items in file order.</summary>
/// <param name="Name">The dataset's name (its file name).</param>
/// <param name="Items">The items.</param>
public sealed record EvalDataset(string Name, IReadOnlyList<EvalItem> Items);
