using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Models;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy costs [demo] [--week-start yyyy-MM-dd]</c>: the cost report over a simulated week (real gateway, policy and
/// ledger; simulated models). <c>alloy costs ledger [--from d] [--to d] [--storage CONNECTION]</c>: the report over the
/// Table Storage ledger (default connection: <c>MODELALLOY_STORAGE_CONNECTION</c>). <c>--by task|model|pipeline|provider</c>
/// prints one table grouped that way (<see cref="CostAggregator"/>) and the saving against the single capable model;
/// <c>--html &lt;file&gt;</c> also writes the cost dashboard page (<c>ledger</c> takes <c>--catalog</c> for tiers and the baseline's prices).
/// </summary>
internal static class CostsCommand
{
    /// <summary>The environment variable <c>ledger</c> reads the connection from when <c>--storage</c> is not given.</summary>
    public const string ConnectionVariable = "MODELALLOY_STORAGE_CONNECTION";

    private static readonly Dictionary<string, CostDimension> Dimensions = new(StringComparer.Ordinal)
    {
        ["task"] = CostDimension.TaskType,
        ["model"] = CostDimension.Model,
        ["pipeline"] = CostDimension.Pipeline,
        ["provider"] = CostDimension.Provider,
    };

    /// <summary>Creates <c>alloy costs</c> with its <c>demo</c> and <c>ledger</c> subcommands (<c>alloy costs</c> alone is the demo).</summary>
    public static Command Create()
    {
        var by = new Option<string?>("--by") { Description = "One table grouped by task, model, pipeline or provider, and the saving against one capable model", Recursive = true, HelpName = "task|model|pipeline|provider" };
        by.AcceptOnlyFromAmong([.. Dimensions.Keys]);
        var period = new Option<string>("--period") { Description = "The period of --by rows", DefaultValueFactory = _ => "week", Recursive = true, HelpName = "day|week" };
        period.AcceptOnlyFromAmong("day", "week");
        var html = new Option<string?>("--html") { Description = "Also write the cost dashboard page to FILE", Recursive = true, HelpName = "FILE" };
        var shared = new Shared(by, period, html);

        var weekStart = new Option<DateOnly?>("--week-start") { Description = "First day of the simulated week (default: this week's Monday)", CustomParser = Day, HelpName = "yyyy-MM-dd" };
        var demo = new Command("demo", "The cost report over a simulated week (real gateway, policy and ledger; SIMULATED models).") { weekStart };
        demo.SetAction((parse, ct) => DemoAsync(parse, shared, parse.GetValue(weekStart), ct));

        var from = new Option<DateOnly?>("--from") { Description = "First UTC day (default: 6 days ago)", CustomParser = Day, HelpName = "yyyy-MM-dd" };
        var to = new Option<DateOnly?>("--to") { Description = "Last UTC day (default: today)", CustomParser = Day, HelpName = "yyyy-MM-dd" };
        var storage = new Option<string?>("--storage") { Description = $"Storage connection string, or 'azurite' (default: ${ConnectionVariable})", HelpName = "CONNECTION" };
        var catalog = new Option<string?>("--catalog") { Description = "Model catalog for tiers and the baseline's prices (--by, --html)", HelpName = "FILE" };
        var ledger = new Command("ledger", "The cost report over the Table Storage ledger.") { from, to, storage, catalog };
        ledger.SetAction((parse, ct) => LedgerAsync(parse, shared, parse.GetValue(from), parse.GetValue(to), parse.GetValue(storage), parse.GetValue(catalog), ct));

        var command = new Command("costs", "Model cost report over a simulated week (demo, the default) or the Table Storage ledger (ledger).") { by, period, html, weekStart, demo, ledger };
        command.SetAction((parse, ct) => DemoAsync(parse, shared, parse.GetValue(weekStart), ct));
        return command;
    }

    private static async Task<int> DemoAsync(ParseResult parse, Shared shared, DateOnly? weekStart, CancellationToken cancellationToken)
    {
        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        DateOnly start = weekStart ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        string catalogPath = Path.Combine(AppContext.BaseDirectory, "Samples", "models.demo.json");
        var ledger = new InMemoryCostLedger();
        string report = await CostReportDemo.RunAsync(catalogPath, ledger, start, cancellationToken);
        return await WriteAsync(parse, shared, ledger, start, start.AddDays(6), report, catalogPath, cancellationToken);
    }

    private static async Task<int> LedgerAsync(
        ParseResult parse, Shared shared, DateOnly? from, DateOnly? to, string? storage, string? catalogPath, CancellationToken cancellationToken)
    {
        string? connection = storage == LocalAlloyOptions.AzuriteAlias ? "UseDevelopmentStorage=true"
            : storage ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException($"alloy costs ledger needs --storage <connection>|azurite (or ${ConnectionVariable}).");
        }

        if (catalogPath is not null && !File.Exists(catalogPath))
        {
            throw new UsageException($"model catalog '{catalogPath}' not found; pass an existing file to --catalog.");
        }

        DateOnly today = DateOnly.FromDateTime(DateTime.UtcNow);
        DateOnly first = from ?? today.AddDays(-6), last = to ?? today;
        var ledger = new TableCostLedger(new TableServiceClient(connection));
        string? report = parse.GetValue(shared.By) is null ? await CostReport.BuildAsync(ledger, first, last, cancellationToken: cancellationToken) : null;
        return await WriteAsync(parse, shared, ledger, first, last, report, catalogPath, cancellationToken);
    }

    // The full report, or with --by one grouped table and the saving; then the dashboard page with --html.
    private static async Task<int> WriteAsync(
        ParseResult parse, Shared shared, ICostLedger ledger, DateOnly from, DateOnly to, string? report, string? catalogPath, CancellationToken cancellationToken)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        ModelCatalog? catalog = catalogPath is null
            ? null
            : new ModelCatalog(Options.Create(ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(catalogPath))));
        if (parse.GetValue(shared.By) is { } by)
        {
            var records = new List<CostRecord>();
            await foreach (CostRecord record in ledger.QueryAsync(from, to, cancellationToken))
            {
                records.Add(record);
            }

            WriteGrouped(AlloyConsole.Create(output), records, from, to, by, parse.GetValue(shared.Period) == "day" ? CostPeriod.Day : CostPeriod.IsoWeek, catalog);
        }
        else
        {
            output.Write(report);
        }

        if (parse.GetValue(shared.Html) is { } file)
        {
            await File.WriteAllTextAsync(file, await CostDashboard.RenderAsync(ledger, from, to, catalog, cancellationToken: cancellationToken), cancellationToken);
            output.WriteLine($"Cost dashboard written to {Path.GetFullPath(file)}");
        }

        return ExitCodes.Ok;
    }

    private static void WriteGrouped(IAnsiConsole console, List<CostRecord> records, DateOnly from, DateOnly to, string by, CostPeriod period, ModelCatalog? catalog)
    {
        bool simulated = records.Any(r => r.Simulated);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model costs {from:yyyy-MM-dd} .. {to:yyyy-MM-dd} (UTC) by {(period == CostPeriod.Day ? "day" : "ISO week")} x {by}")
            + (simulated ? "  [SIMULATED]" : string.Empty));
        var table = new Table { Border = AlloyConsole.Border(console) };
        foreach (string column in (string[])["Period", by, "Calls", "Skipped", "Accepted", "In tok", "Out tok", "Cost USD", "Avg ms"])
        {
            table.AddColumn(new TableColumn(column) { Alignment = column is "Period" || column == by ? Justify.Left : Justify.Right });
        }

        foreach (CostAggregate row in CostAggregator.Aggregate(records, period, Dimensions[by]))
        {
            table.AddRow(RunReport.Cells(
                row.Period, row.Key, Num(row.Calls), Num(row.Skipped), Num(row.Succeeded), Num(row.InputTokens), Num(row.OutputTokens), RunReport.Usd(row.CostUsd), Num(row.AverageLatencyMs)));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total {RunReport.Usd(records.Sum(r => r.CostUsd))} over {records.Count} attempt(s)"));
        if (catalog is not null && records.Count > 0)
        {
            RunReport.WriteSaving(console, CostBaseline.Compare(records, catalog), simulated);
        }
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static DateOnly? Day(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            return day;
        }

        result.AddError($"Option {(result.Parent as OptionResult)?.Option.Name} expects a date as yyyy-MM-dd, not '{text}'.");
        return null;
    }

    private sealed record Shared(Option<string?> By, Option<string> Period, Option<string?> Html);
}
