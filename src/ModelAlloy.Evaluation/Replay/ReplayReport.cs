namespace ModelAlloy.Evaluation.Replay;

/// <summary>The result of a replay: one row per policy, plus what the data and prices were.</summary>
/// <param name="Requests">The number of replayed requests.</param>
/// <param name="TaskTypes">The number of task types.</param>
/// <param name="WeakQuality">The weak model's quality on all rows.</param>
/// <param name="StrongQuality">The strong model's quality on all rows.</param>
/// <param name="Seeds">The number of seeds.</param>
/// <param name="Costs">The cost model.</param>
/// <param name="Rows">The rows.</param>
public sealed record ReplayReport(int Requests, int TaskTypes, double WeakQuality, double StrongQuality, int Seeds, RequestCostModel Costs, IReadOnlyList<ReplayRow> Rows);
