namespace ModelAlloy.Durable.Backend;

/// <summary>Filters and paging for listing instances. Every filter is optional; all given filters must match.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only instances in one of these statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances created at or after this time.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only instances of this orchestration name (exact, case-sensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Only instance ids starting with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size; 1 to 1000.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token from the previous page, or null for the first.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include serialized input and output in the results.</summary>
    public bool IncludeInputsAndOutputs { get; init; }
}

/// <summary>One page of instances.</summary>
/// <param name="Instances">The instances on this page, ordered by instance id.</param>
/// <param name="ContinuationToken">Pass to get the next page; null when this is the last.</param>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);

/// <summary>Which finished instances to purge. Instances that are not finished are never purged.</summary>
public sealed record PurgeFilter
{
    /// <summary>Only instances created at or after this time.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only these terminal statuses; null for all of completed, failed and terminated.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }
}
