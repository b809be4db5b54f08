using System.Globalization;
using Azure.Data.Tables;
using ModelAlloy.Models;

// Usage:
//   dotnet run --project src/ModelAlloy.Models.Report -- demo [--week-start 2026-11-16]
//   dotnet run --project src/ModelAlloy.Models.Report -- ledger --from 2026-11-16 --to 2026-11-22
//     (reads the table ledger from the connection string in MODELALLOY_STORAGE_CONNECTION)
string command = args.FirstOrDefault() ?? "demo";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
DateOnly Day(string name, DateOnly fallback) =>
    Option(name) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : fallback;

DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
switch (command)
{
    case "demo":
        string catalog = Path.Combine(AppContext.BaseDirectory, "models.demo.json");
        DateOnly weekStart = Day("--week-start", today.AddDays(-(((int)today.DayOfWeek + 6) % 7)));
        Console.Write(await CostReportDemo.RunAsync(catalog, new InMemoryCostLedger(), weekStart));
        return 0;
    case "ledger":
        string? connection = Environment.GetEnvironmentVariable("MODELALLOY_STORAGE_CONNECTION");
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("set MODELALLOY_STORAGE_CONNECTION to the storage account's connection string");
            return 2;
        }

        var ledger = new TableCostLedger(new TableServiceClient(connection));
        Console.Write(await CostReport.BuildAsync(ledger, Day("--from", today.AddDays(-6)), Day("--to", today)));
        return 0;
    default:
        Console.Error.WriteLine("usage: demo [--week-start yyyy-MM-dd] | ledger [--from yyyy-MM-dd] [--to yyyy-MM-dd]");
        return 2;
}
