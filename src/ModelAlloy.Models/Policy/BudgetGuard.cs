using System.Globalization;

namespace ModelAlloy.Models;

/// <summary>
/// Checks the run cost cap and the pipeline's daily budget against the ledger before an attempt. Spend is read,
/// not reserved: parallel calls of one run may overshoot by the calls in flight.
/// </summary>
internal sealed class BudgetGuard(BudgetOptions options, ICostLedger ledger)
{
    public async Task<ModelCallFailure?> CheckAsync(ModelAttemptInput input, CancellationToken cancellationToken)
    {
        if (input.AllowOverBudget)
        {
            return null;
        }

        if ((input.Request.RunCostCapUsd ?? options.RunCostCapUsd) is { } cap)
        {
            decimal spent = await ledger.GetRunSpendAsync(input.RunId, cancellationToken).ConfigureAwait(false);
            if (spent >= cap)
            {
                return new ModelCallFailure(
                    ModelFailureKind.BudgetExceeded,
                    $"run '{input.RunId}' has spent {Usd(spent)} of its {Usd(cap)} cost cap; raise ModelGateway:Budgets:RunCostCapUsd (or the request's RunCostCapUsd), or set Budgets:OnExceeded to Downgrade",
                    ErrorCode: ModelErrorCodes.RunBudgetExceeded);
            }
        }

        string pipeline = input.Request.Pipeline;
        if (options.DailyByPipeline.TryGetValue(pipeline, out decimal daily))
        {
            DateOnly day = DateOnly.FromDateTime(input.ScheduledAtUtc);
            decimal spent = await ledger.GetDailySpendAsync(pipeline, day, cancellationToken).ConfigureAwait(false);
            if (spent >= daily)
            {
                return new ModelCallFailure(
                    ModelFailureKind.BudgetExceeded,
                    $"pipeline '{pipeline}' has spent {Usd(spent)} of its {Usd(daily)} daily budget for {day:yyyy-MM-dd} (UTC); raise ModelGateway:Budgets:DailyByPipeline:{pipeline}, set Budgets:OnExceeded to Downgrade, or wait for the next UTC day",
                    ErrorCode: ModelErrorCodes.DailyBudgetExceeded);
            }
        }

        return null;
    }

    private static string Usd(decimal value) => "$" + value.ToString("0.######", CultureInfo.InvariantCulture);
}
