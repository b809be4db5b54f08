using ModelAlloy.Models;

namespace ModelAlloy.Cli.Runs;

/// <summary>
/// What runs cost against the single-capable-model baseline, from the ledger's records of those runs
/// (<see cref="CostBaseline"/>: the same tokens at the baseline model's prices, one attempt each). The baseline model
/// is the first model of the catalog's <c>capable</c> role when it has one, else the one <see cref="CostBaseline"/>
/// picks (the most capable, most expensive model).
/// </summary>
internal sealed class RunCosting
{
    /// <summary>The role whose first model is the baseline, when the catalog has it.</summary>
    public const string CapableRole = "capable";

    private readonly ModelCatalog _catalog;

    private RunCosting(ModelCatalog catalog, IReadOnlyList<CostRecord> records, BaselineComparison total)
    {
        _catalog = catalog;
        Records = records;
        Total = total;
    }

    /// <summary>Gets the ledger records of the runs (calls made by a sub-pipeline are recorded under its own instance).</summary>
    public IReadOnlyList<CostRecord> Records { get; }

    /// <summary>Gets the comparison over every run.</summary>
    public BaselineComparison Total { get; }

    /// <summary>Gets the baseline model.</summary>
    public string BaselineModel => Total.BaselineModel;

    /// <summary>Reads the ledger records of <paramref name="runIds"/> from the day of <paramref name="since"/> to today.</summary>
    public static async Task<RunCosting> ReadAsync(
        ICostLedger ledger, ModelCatalog catalog, IReadOnlyCollection<string> runIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(runIds, StringComparer.Ordinal);
        var records = new List<CostRecord>();
        DateOnly from = DateOnly.FromDateTime(since.UtcDateTime), to = DateOnly.FromDateTime(DateTime.UtcNow);
        await foreach (CostRecord record in ledger.QueryAsync(from < to ? from : to, to, cancellationToken).ConfigureAwait(false))
        {
            if (ids.Contains(record.RunId))
            {
                records.Add(record);
            }
        }

        return new RunCosting(catalog, records, CostBaseline.Compare(records, catalog, PickBaselineModel(catalog)));
    }

    /// <summary>The comparison for one run.</summary>
    public BaselineComparison ForRun(string runId) => Compare(r => r.RunId == runId);

    /// <summary>The comparison for one stage of one run.</summary>
    public BaselineComparison ForStage(string runId, string stageId) => Compare(r => r.RunId == runId && r.Stage == stageId);

    /// <summary>The tier of a model, or null when the catalog does not know it.</summary>
    public ModelTier? TierOf(string modelId) => _catalog.Models.FirstOrDefault(m => string.Equals(m.Id, modelId, StringComparison.OrdinalIgnoreCase))?.Tier;

    private BaselineComparison Compare(Func<CostRecord, bool> filter) => CostBaseline.Compare(Records.Where(filter), _catalog, BaselineModel);

    private static string? PickBaselineModel(ModelCatalog catalog) =>
        catalog.Options.Roles.TryGetValue(CapableRole, out ModelRoleOptions? role) && role.Chain.Count > 0 ? role.Chain[0] : null;
}
