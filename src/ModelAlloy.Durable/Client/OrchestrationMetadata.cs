using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable;

/// <summary>An orchestration instance's state as a client sees it.</summary>
public sealed class OrchestrationMetadata
{
    private readonly InstanceRecord _record;
    private readonly DataConverter _converter;

    internal OrchestrationMetadata(InstanceRecord record, DataConverter converter)
    {
        _record = record;
        _converter = converter;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId => _record.InstanceId;

    /// <summary>The orchestration name.</summary>
    public string Name => _record.Name;

    /// <summary>The version recorded at start.</summary>
    public string Version => _record.Version;

    /// <summary>The current execution id (changes on ContinueAsNew).</summary>
    public string ExecutionId => _record.ExecutionId;

    /// <summary>The lifecycle state.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus => _record.RuntimeStatus;

    /// <summary>True once the instance completed, failed or was terminated.</summary>
    public bool IsCompleted => _record.RuntimeStatus.IsTerminal();

    /// <summary>When the instance was created.</summary>
    public DateTime CreatedAt => _record.CreatedAt;

    /// <summary>When its state last changed.</summary>
    public DateTime LastUpdatedAt => _record.LastUpdatedAt;

    /// <summary>When it finished, if it has.</summary>
    public DateTime? CompletedAt => _record.CompletedAt;

    /// <summary>The parent's id, for a sub-orchestration.</summary>
    public string? ParentInstanceId => _record.ParentInstanceId;

    /// <summary>Serialized input (when requested).</summary>
    public string? SerializedInput => _record.Input;

    /// <summary>Serialized output (when requested).</summary>
    public string? SerializedOutput => _record.Output;

    /// <summary>Serialized custom status.</summary>
    public string? SerializedCustomStatus => _record.CustomStatus;

    /// <summary>The failure, when the instance failed: type, message and stack, with the causing task's failure inside.</summary>
    public TaskFailureDetails? FailureDetails => _record.FailureDetails;

    /// <summary>The history of the current execution (when requested).</summary>
    public IReadOnlyList<HistoryEvent>? History => _record.History;

    /// <summary>Reads the input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => _converter.Deserialize<T>(_record.Input);

    /// <summary>Reads the output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => _converter.Deserialize<T>(_record.Output);

    /// <summary>Reads the custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => _converter.Deserialize<T>(_record.CustomStatus);

    /// <inheritdoc/>
    public override string ToString() => $"{InstanceId} ({Name}): {RuntimeStatus}";
}

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances on this page.</param>
/// <param name="ContinuationToken">Pass to <see cref="InstanceQuery.ContinuationToken"/> for the next page; null on the last.</param>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
