namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>Ledger reads and checks shared by the tests.</summary>
public static class LedgerAssert
{
    public static async Task<List<CostRecord>> ReadAllAsync(ICostLedger ledger, DateOnly from, DateOnly to)
    {
        var rows = new List<CostRecord>();
        await foreach (CostRecord row in ledger.QueryAsync(from, to))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The promise: one row per attempt (same model, outcome and cost), and every fallback link resolves to a row.</summary>
    public static void EveryAttemptHasItsRow(IEnumerable<ModelAttemptSummary> attempts, IReadOnlyCollection<CostRecord> rows)
    {
        Dictionary<string, CostRecord> byCallId = rows.ToDictionary(r => r.CallId, StringComparer.Ordinal);
        foreach (ModelAttemptSummary attempt in attempts)
        {
            Assert.True(byCallId.TryGetValue(attempt.CallId, out CostRecord? row), $"attempt '{attempt.CallId}' has no ledger row");
            Assert.Equal((attempt.ModelId, attempt.Outcome, attempt.CostUsd), (row.ModelId, row.Outcome, row.CostUsd));
        }

        foreach (CostRecord row in rows.Where(r => r.FallbackFromCallId is not null))
        {
            Assert.True(byCallId.ContainsKey(row.FallbackFromCallId!), $"row '{row.CallId}' falls back from '{row.FallbackFromCallId}', which has no row");
        }
    }
}
