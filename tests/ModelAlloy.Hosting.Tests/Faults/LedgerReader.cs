using Azure.Data.Tables;
using ModelAlloy.Models;

namespace ModelAlloy.Hosting.Tests.Faults;

/// <summary>The Table Storage ledger the workers write, read back for one test's runs.</summary>
internal sealed class LedgerReader(string connection)
{
    private readonly TableCostLedger _ledger = new(new TableServiceClient(connection));

    public async Task<List<CostRecord>> RowsAsync(string runPrefix)
    {
        var rows = new List<CostRecord>();
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        try
        {
            await foreach (CostRecord row in _ledger.QueryAsync(today.AddDays(-1), today.AddDays(1)))
            {
                if (row.RunId.StartsWith(runPrefix, StringComparison.Ordinal))
                {
                    rows.Add(row);
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The ledger table does not exist until the first row.
        }

        return rows;
    }

    public async Task WaitForRowsAsync(string runPrefix, int atLeast, CancellationToken cancellationToken)
    {
        while ((await RowsAsync(runPrefix)).Count < atLeast)
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}
