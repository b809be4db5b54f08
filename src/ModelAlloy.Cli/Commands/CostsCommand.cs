using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ModelAlloy.Models;

using System.CommandLine;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy costs demo [--week-start yyyy-MM-dd]</c>: the cost report over a simulated week (real gateway, policy and
/// ledger; simulated models). <c>alloy costs ledger [--from d] [--to d]</c>: the report over the Table Storage ledger
/// in <c>MODELALLOY_STORAGE_CONNECTION</c>. With <c>--html &lt;file&gt;</c> either also writes the cost dashboard page
/// (<c>ledger</c> takes <c>--catalog &lt;models.json&gt;</c> for tiers and the baseline's prices).
/// </summary>
internal static class CostsCommand
{
    /// <summary>Creates <c>alloy costs</c> (its own arguments are parsed by <see cref="RunAsync"/>).</summary>
    public static Command Create()
    {
        var rest = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore, Description = "demo [--week-start yyyy-MM-dd] | ledger [--from d] [--to d]; --html <file> [--catalog models.json]" };
        var command = new Command("costs", "Model cost report over a simulated week (demo) or the Table Storage ledger in MODELALLOY_STORAGE_CONNECTION (ledger).") { rest };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync([.. parse.GetValue(rest) ?? [], .. parse.UnmatchedTokens], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }


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
                    var demoLedger = new InMemoryCostLedger();
                    output.Write(await CostReportDemo.RunAsync(catalog, demoLedger, weekStart, cancellationToken));
                    await WriteDashboardAsync(args, demoLedger, weekStart, weekStart.AddDays(6), catalog, output, cancellationToken);
                    return 0;
                case "ledger":
                    var connection = Environment.GetEnvironmentVariable("MODELALLOY_STORAGE_CONNECTION");
                    if (string.IsNullOrWhiteSpace(connection))
                    {
                        error.WriteLine("Set MODELALLOY_STORAGE_CONNECTION to the storage account's connection string.");
                        return 2;
                    }

                    var ledger = new TableCostLedger(new TableServiceClient(connection));
                    DateOnly from = Day(args, "--from") ?? today.AddDays(-6), to = Day(args, "--to") ?? today;
                    output.Write(await CostReport.BuildAsync(ledger, from, to, cancellationToken: cancellationToken));
                    await WriteDashboardAsync(args, ledger, from, to, Option(args, "--catalog"), output, cancellationToken);
                    return 0;
                default:
                    error.WriteLine("usage: alloy costs demo [--week-start yyyy-MM-dd] [--html file] | alloy costs ledger [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--html file [--catalog models.json]]");
                    return 2;
            }
        }
        catch (FormatException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static async Task WriteDashboardAsync(
        string[] args, ICostLedger ledger, DateOnly from, DateOnly to, string? catalogPath, TextWriter output, CancellationToken cancellationToken)
    {
        var file = Option(args, "--html");
        if (file is null)
        {
            return;
        }

        var catalog = catalogPath is null
            ? null
            : new ModelCatalog(Options.Create(ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(catalogPath))));
        await File.WriteAllTextAsync(file, await CostDashboard.RenderAsync(ledger, from, to, catalog, cancellationToken: cancellationToken), cancellationToken);
        output.WriteLine($"Cost dashboard written to {Path.GetFullPath(file)}");
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static DateOnly? Day(string[] args, string name)
    {
        var text = Option(args, name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"Option {name} expects a date as yyyy-MM-dd, not '{text}'.");
    }
}
