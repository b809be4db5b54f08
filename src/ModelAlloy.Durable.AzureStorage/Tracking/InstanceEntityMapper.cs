using System.Text.Json;
using Azure.Data.Tables;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>
/// Maps instance rows (partition key: escaped instance id, row key: empty) to <see cref="InstanceRecord"/>s.
/// A string too large for a property is stored in a blob named by the <c>{Name}Blob</c> property; an empty string
/// stands for null, because a merge cannot remove a property.
/// </summary>
internal static class InstanceEntityMapper
{
    public const string RowKey = "";

    public static readonly string[] LargeFields = ["Input", "Output", "CustomStatus", "FailureDetails"];

    public static string? Text(TableEntity row, string name) => row.GetString(name) is { Length: > 0 } value ? value : null;

    public static async Task<InstanceRecord> ToRecordAsync(TableEntity row, bool includePayloads, PayloadStore payloads, CancellationToken cancellationToken)
    {
        async Task<string?> ReadAsync(string name) =>
            Text(row, name + "Blob") is { } blob ? await payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false) : Text(row, name);

        var failure = await ReadAsync("FailureDetails").ConfigureAwait(false);
        return new InstanceRecord
        {
            InstanceId = row.GetString("InstanceId") ?? KeySanitizer.Unescape(row.PartitionKey),
            ExecutionId = row.GetString("ExecutionId") ?? "",
            Name = row.GetString("Name") ?? "",
            Version = row.GetString("Version") ?? "",
            RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            CreatedAt = Utc(row.GetDateTime("CreatedAt")) ?? default,
            LastUpdatedAt = Utc(row.GetDateTime("LastUpdatedAt")) ?? default,
            CompletedAt = Utc(row.GetDateTime("CompletedAt")),
            ScheduledStartAt = Utc(row.GetDateTime("ScheduledStartAt")),
            Input = includePayloads ? await ReadAsync("Input").ConfigureAwait(false) : null,
            Output = includePayloads ? await ReadAsync("Output").ConfigureAwait(false) : null,
            CustomStatus = await ReadAsync("CustomStatus").ConfigureAwait(false),
            FailureDetails = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure),
            ParentInstanceId = Text(row, "ParentInstanceId"),
        };
    }

    /// <summary>Sets a large-capable string field, offloading it to a blob when needed.</summary>
    public static async Task SetAsync(TableEntity row, string instanceId, string executionId, string name, string? value, PayloadStore payloads, CancellationToken cancellationToken)
    {
        var blob = await payloads.OffloadIfLargeAsync(instanceId, $"instance/{executionId}-{name}", value, cancellationToken).ConfigureAwait(false);
        row[name] = blob is null ? value ?? "" : "";
        row[name + "Blob"] = blob ?? "";
    }

    private static DateTime? Utc(DateTimeOffset? value) => value?.UtcDateTime;
}
