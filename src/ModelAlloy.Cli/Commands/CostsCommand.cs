using System.Globalization;
using Azure.Data.Tables;
using ModelAlloy.Models;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy costs demo [--week-start yyyy-MM-dd]</c>: the cost report over a simulated week (real gateway, policy and
/// ledger; simulated models). <c>alloy costs ledger [--from d] [--to d]</c>: the report over the Table Storage ledger
/// in <c>MODELALLOY_STORAGE_CONNECTION</c>.
/// </summary>
internal static class CostsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        try
        {
            switch (args.FirstOrDefault() ?? "demo")
            {
                case "demo":
                    var catalog = Path.Combine(AppContext.BaseDirectory, "Samples", "models.demo.json");
                    var weekStart = Day(args, "--week-start") ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                    output.Write(await CostReportDemo.RunAsync(catalog, new InMemoryCostLedger(), weekStart, cancellationToken));
                    return 0;
                case "ledger":
                    var connection = Environment.GetEnvironmentVariable("MODELALLOY_STORAGE_CONNECTION");
                    if (string.IsNullOrWhiteSpace(connection))
                    {
                        error.WriteLine("Set MODELALLOY_STORAGE_CONNECTION to the storage account's connection string.");
                        return 2;
                    }

                    var ledger = new TableCostLedger(new TableServiceClient(connection));
                    output.Write(await CostReport.BuildAsync(ledger, Day(args, "--from") ?? today.AddDays(-6), Day(args, "--to") ?? today, cancellationToken: cancellationToken));
                    return 0;
                default:
                    error.WriteLine("usage: alloy costs demo [--week-start yyyy-MM-dd] | alloy costs ledger [--from yyyy-MM-dd] [--to yyyy-MM-dd]");
                    return 2;
            }
        }
        catch (FormatException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static DateOnly? Day(string[] args, string name)
    {
        var text = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"Option {name} expects a date as yyyy-MM-dd, not '{text}'.");
    }
}
