namespace ModelAlloy.Hosting.SelfHosted;

/// <summary>What a local ModelAlloy host runs on: the definitions folder, the model catalog and the durable store.</summary>
public sealed record LocalAlloyOptions
{
    /// <summary>Azurite's well-known development connection (<c>--storage azurite</c>).</summary>
    public const string AzuriteAlias = "azurite";

    /// <summary>Gets the folder of pipeline definitions (default <c>pipelines</c>, relative to the working directory).</summary>
    public string PipelinesFolder { get; init; } = "pipelines";

    /// <summary>Gets the model catalog file (a <c>ModelGateway</c> section); default <c>{PipelinesFolder}/catalogs/simulated.json</c>.</summary>
    public string? CatalogFile { get; init; }

    /// <summary>
    /// Gets the durable store: unset runs on DTFx in-memory (nothing survives the process, the ledger is in memory);
    /// <c>azurite</c> or a connection string runs on DTFx Azure Storage with the ledger in its tables.
    /// </summary>
    public string? Storage { get; init; }

    /// <summary>Gets the task hub on Azure Storage.</summary>
    public string TaskHubName { get; init; } = "alloy";

    /// <summary>Gets a value indicating whether this process runs the worker (false: a client only, e.g. <c>alloy status</c>).</summary>
    public bool RunWorker { get; init; } = true;

    /// <summary>Gets the activity concurrency of the worker.</summary>
    public int MaxConcurrentActivities { get; init; } = 100;

    /// <summary>Gets a value indicating whether committed histories are kept in memory (<c>DurableSidecar.GetRecordedHistory</c>).</summary>
    public bool RecordHistory { get; init; }

    /// <summary>Gets the catalog file actually used.</summary>
    public string ResolvedCatalogFile => CatalogFile ?? Path.Combine(PipelinesFolder, "catalogs", "simulated.json");

    /// <summary>Gets the storage connection string, or null for in-memory.</summary>
    public string? ResolvedStorage => Storage switch
    {
        null or "" => null,
        AzuriteAlias => "UseDevelopmentStorage=true",
        _ => Storage,
    };
}
