using System.CommandLine;
using ModelAlloy.Cli.Hosts;
using ModelAlloy.Cli.Runs;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;
using Spectre.Console;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy pipelines list [dir]</c>: the definitions of a folder and whether each is valid.
/// <c>alloy pipelines validate [dir]</c>: every error with its file, JSON path and reason; exit code 1 when any is invalid.
/// Roles and models are checked against <c>--catalog</c> (default <c>&lt;dir&gt;/catalogs/simulated.json</c> when it exists).
/// </summary>
internal static class PipelinesCommand
{
    /// <summary>Creates <c>alloy pipelines</c>.</summary>
    public static Command Create() =>
        new("pipelines", "List or validate the pipeline definitions of a folder.")
        {
            Sub("list", "List the pipelines of a folder (default ./pipelines) and whether each is valid.", List),
            Sub("validate", "Validate every definition of a folder (default ./pipelines): file, JSON path and reason of each error; exit code 1 when any is invalid.", Validate),
        };

    private static Command Sub(string name, string description, Func<IAnsiConsole, IReadOnlyList<PipelineParseResult>, string, int> write)
    {
        var dir = new Argument<string?>("dir") { Arity = ArgumentArity.ZeroOrOne, Description = "The folder (default: ./pipelines, else the copy next to the binary)" };
        var catalog = new Option<string?>("--catalog") { Description = "Model catalog whose roles and models steps may name (default: <dir>/catalogs/simulated.json when present)", HelpName = "FILE" };
        var command = new Command(name, description) { dir, catalog };
        command.SetAction(async (parse, ct) =>
        {
            string folder = HostOptions.ResolveFolder(parse.GetValue(dir));
            string? catalogFile = parse.GetValue(catalog) ?? DefaultCatalog(folder);
            if (catalogFile is not null && !File.Exists(catalogFile))
            {
                throw new UsageException($"model catalog '{catalogFile}' not found; pass an existing file to --catalog.");
            }

            ModelCatalogNames? names = catalogFile is null
                ? null
                : ModelCatalogNames.From(ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(Path.GetFullPath(catalogFile))));
            IReadOnlyList<PipelineParseResult> results = await new PipelineLibrary(new FolderPipelineSource(folder), names).LoadAsync(ct);
            IAnsiConsole console = AlloyConsole.Create(parse.InvocationConfiguration.Output);
            string checkedAgainst = catalogFile is null ? "roles and models not checked (no catalog)" : $"roles and models checked against {catalogFile}";
            return write(console, results, $"{Path.GetFullPath(folder)}; {checkedAgainst}");
        });
        return command;
    }

    private static int List(IAnsiConsole console, IReadOnlyList<PipelineParseResult> results, string where)
    {
        console.WriteLine($"{results.Count} definition(s) in {where}");
        var table = new Table { Border = AlloyConsole.Border(console) };
        foreach (string column in (string[])["Pipeline", "File", "Stages", "Valid", "Description"])
        {
            table.AddColumn(column);
        }

        foreach (PipelineParseResult result in results)
        {
            PipelineDefinition? definition = result.Definition;
            table.AddRow(RunReport.Cells(
                definition?.Name ?? "?",
                result.Document.Source,
                definition is null ? "-" : string.Join(", ", definition.Stages.Select(s => s.Id)),
                result.IsValid ? "yes" : $"NO ({result.Errors.Count} error(s))",
                definition?.Description ?? string.Empty));
        }

        console.Write(table);
        return results.All(r => r.IsValid) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static int Validate(IAnsiConsole console, IReadOnlyList<PipelineParseResult> results, string where)
    {
        foreach (PipelineParseResult result in results.Where(r => r.IsValid))
        {
            console.WriteLine($"ok       {result.Document.Source} ({result.Definition!.Name})");
        }

        foreach (PipelineDefinitionError failure in results.SelectMany(r => r.Errors))
        {
            console.WriteLine($"invalid  {failure.Source}: {failure.Path}: {failure.Reason}");
        }

        int invalid = results.Count(r => !r.IsValid);
        console.WriteLine($"{results.Count - invalid} valid, {invalid} invalid, {results.Sum(r => r.Errors.Count)} error(s) in {where}");
        return invalid == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string? DefaultCatalog(string folder)
    {
        string file = Path.Combine(folder, "catalogs", "simulated.json");
        return File.Exists(file) ? file : null;
    }
}
