using Azure;
using Azure.Data.Tables;
using ModelAlloy.Durable.Backend;

namespace ModelAlloy.Durable.AzureStorage;

internal sealed partial class InstanceStore
{
    private static readonly string[] SummaryColumns =
    [
        "PartitionKey", "InstanceId", "ExecutionId", "Name", "Version", "RuntimeStatus", "CreatedAt", "LastUpdatedAt",
        "CompletedAt", "ScheduledStartAt", "CustomStatus", "CustomStatusBlob", "FailureDetails", "FailureDetailsBlob", "ParentInstanceId",
    ];

    /// <summary>One page of instances; every filter runs on the service, so a page costs one request.</summary>
    public async Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        var filter = BuildFilter(query.Statuses, query.CreatedFrom, query.CreatedTo, query.Name, query.InstanceIdPrefix);
        var select = query.IncludeInputsAndOutputs ? null : SummaryColumns;
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(filter, query.PageSize, select, cancellationToken)
                .AsPages(query.ContinuationToken, query.PageSize).ConfigureAwait(false))
            {
                var records = await Task.WhenAll(page.Values.Select(r =>
                    InstanceEntityMapper.ToRecordAsync(r, query.IncludeInputsAndOutputs, payloads, cancellationToken))).ConfigureAwait(false);
                return new InstancePage(records, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new InstancePage([], null);
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("instance.query", ex);
        }
    }

    /// <summary>The ids of finished instances matching a purge filter.</summary>
    public async Task<List<string>> FindPurgeableAsync(PurgeFilter purge, CancellationToken cancellationToken)
    {
        var statuses = purge.Statuses is { Count: > 0 } given
            ? given.Where(s => s.IsTerminal()).ToArray()
            : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
        var ids = new List<string>();
        if (statuses.Length == 0)
        {
            return ids;
        }

        var filter = BuildFilter(statuses, purge.CreatedFrom, purge.CreatedTo, null, null);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "InstanceId"], cancellationToken).ConfigureAwait(false))
            {
                ids.Add(row.GetString("InstanceId") ?? KeySanitizer.Unescape(row.PartitionKey));
            }
        }
        catch (RequestFailedException ex)
        {
            throw new DurableStorageException("instance.query", ex);
        }

        return ids;
    }

    private static DateTimeOffset CeilingMillisecond(DateTime value)
    {
        var utc = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        var remainder = utc.Ticks % TimeSpan.TicksPerMillisecond;
        return new DateTimeOffset(remainder == 0 ? utc : utc.AddTicks(TimeSpan.TicksPerMillisecond - remainder));
    }

    internal static string? BuildFilter(
        IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, DateTime? from, DateTime? to, string? name, string? prefix)
    {
        var clauses = new List<string>();
        if (statuses is { Count: > 0 })
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        // Creation times are stored in whole milliseconds, so rounding a bound up to one keeps ge/lt exact.
        if (from is { } f)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {CeilingMillisecond(f)}"));
        }

        if (to is { } t)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {CeilingMillisecond(t)}"));
        }

        if (name is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        if (!string.IsNullOrEmpty(prefix))
        {
            // Escaping is per character, so the escaped prefix is a prefix of every matching key.
            var low = KeySanitizer.Escape(prefix);
            var high = low[..^1] + (char)(low[^1] + 1);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey lt {high}"));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }
}
