namespace ModelAlloy.Durable.Backend;

/// <summary>The meaning of <see cref="InstanceQuery"/> and <see cref="PurgeFilter"/>, shared by backends that filter in memory.</summary>
public static class InstanceFilter
{
    /// <summary>True when the instance matches every filter the query sets.</summary>
    public static bool Matches(InstanceRecord record, InstanceQuery query) =>
        (query.Statuses is null || query.Statuses.Count == 0 || query.Statuses.Contains(record.RuntimeStatus))
        && (query.CreatedFrom is null || record.CreatedAt >= query.CreatedFrom)
        && (query.CreatedTo is null || record.CreatedAt < query.CreatedTo)
        && (query.Name is null || record.Name == query.Name)
        && (query.InstanceIdPrefix is null || record.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal));

    /// <summary>True when the instance is finished and matches every filter the purge sets.</summary>
    public static bool Matches(InstanceRecord record, PurgeFilter filter) =>
        record.RuntimeStatus.IsTerminal()
        && (filter.Statuses is null || filter.Statuses.Count == 0 || filter.Statuses.Contains(record.RuntimeStatus))
        && (filter.CreatedFrom is null || record.CreatedAt >= filter.CreatedFrom)
        && (filter.CreatedTo is null || record.CreatedAt < filter.CreatedTo);
}
