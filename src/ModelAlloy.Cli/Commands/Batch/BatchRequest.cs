namespace ModelAlloy.Cli.Commands.Batch;

/// <summary>What <c>alloy batch</c> was asked to do.</summary>
internal sealed record BatchRequest
{
    public required string Pipeline { get; init; }

    public required string File { get; init; }

    public int Concurrency { get; init; } = 8;

    public string? Out { get; init; }

    public string? BatchId { get; init; }

    public string? Storage { get; init; }

    public string PipelinesFolder { get; init; } = "pipelines";

    public string? CatalogFile { get; init; }

    public string? Queue { get; init; }

    public bool AsBlob { get; init; }

    /// <summary>Seconds between plain progress lines when the output is not a terminal.</summary>
    public double PlainProgressSeconds { get; init; } = 2;
}
