using System.Globalization;
using Azure.Data.Tables;

namespace ModelAlloy.Models;

/// <summary>Maps <see cref="CostRecord"/> to and from table entities. Money is stored as invariant decimal text.</summary>
internal static class CostRecordEntity
{
    public static TableEntity ToEntity(CostRecord r, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["CallId"] = r.CallId,
        ["RunId"] = r.RunId,
        ["Pipeline"] = r.Pipeline,
        ["Stage"] = r.Stage,
        ["TaskType"] = r.TaskType,
        ["ModelId"] = r.ModelId,
        ["Provider"] = r.Provider,
        ["Deployment"] = r.Deployment,
        ["Attempt"] = r.Attempt,
        ["Outcome"] = r.Outcome,
        ["InputTokens"] = r.InputTokens,
        ["CachedInputTokens"] = r.CachedInputTokens,
        ["OutputTokens"] = r.OutputTokens,
        ["UsageEstimated"] = r.UsageEstimated,
        ["CostUsd"] = r.CostUsd.ToString(CultureInfo.InvariantCulture),
        ["LatencyMs"] = r.LatencyMs,
        ["CacheHit"] = r.CacheHit,
        ["SavedCostUsd"] = r.SavedCostUsd.ToString(CultureInfo.InvariantCulture),
        ["Simulated"] = r.Simulated,
        ["FallbackFromCallId"] = r.FallbackFromCallId,
        ["OccurredAtUtc"] = DateTime.SpecifyKind(r.OccurredAtUtc, DateTimeKind.Utc),
        ["Day"] = r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["IsoWeek"] = r.IsoWeek,
    };

    public static CostRecord FromEntity(TableEntity e) => new()
    {
        CallId = e.GetString("CallId"),
        RunId = e.GetString("RunId"),
        Pipeline = e.GetString("Pipeline"),
        Stage = e.GetString("Stage"),
        TaskType = e.GetString("TaskType"),
        ModelId = e.GetString("ModelId"),
        Provider = e.GetString("Provider"),
        Deployment = e.GetString("Deployment"),
        Attempt = e.GetInt32("Attempt") ?? 0,
        Outcome = e.GetString("Outcome"),
        InputTokens = e.GetInt64("InputTokens") ?? 0,
        CachedInputTokens = e.GetInt64("CachedInputTokens") ?? 0,
        OutputTokens = e.GetInt64("OutputTokens") ?? 0,
        UsageEstimated = e.GetBoolean("UsageEstimated") ?? false,
        CostUsd = ReadDecimal(e, "CostUsd"),
        LatencyMs = e.GetInt64("LatencyMs") ?? 0,
        CacheHit = e.GetBoolean("CacheHit") ?? false,
        SavedCostUsd = ReadDecimal(e, "SavedCostUsd"),
        Simulated = e.GetBoolean("Simulated") ?? false,
        FallbackFromCallId = e.GetString("FallbackFromCallId"),
        OccurredAtUtc = e.GetDateTimeOffset("OccurredAtUtc")?.UtcDateTime ?? default,
    };

    public static decimal ReadDecimal(TableEntity e, string name) =>
        decimal.TryParse(e.GetString(name), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value) ? value : 0m;
}
