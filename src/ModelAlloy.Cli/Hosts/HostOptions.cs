using System.CommandLine;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Cli.Hosts;

/// <summary>
/// The options every command that talks to a host shares: <c>--pipelines</c>, <c>--catalog</c>, <c>--storage</c>,
/// <c>--task-hub</c>; and the <see cref="LocalAlloyOptions"/> they make. Without <c>--pipelines</c> the folder is
/// <c>pipelines/</c> under the working directory, else the copy shipped next to the binary.
/// </summary>
internal sealed class HostOptions
{
    /// <summary>The folder of pipeline definitions.</summary>
    public Option<string?> Pipelines { get; } = new("--pipelines") { Description = "Folder of pipeline definitions (default: ./pipelines, else the copy next to the binary)", HelpName = "DIR" };

    /// <summary>The model catalog.</summary>
    public Option<string?> Catalog { get; } = new("--catalog") { Description = "Model catalog file (default: <pipelines>/catalogs/simulated.json, simulated models)", HelpName = "FILE" };

    /// <summary>The durable store.</summary>
    public Option<string?> Storage { get; } = new("--storage") { Description = "Azure Storage connection string, or 'azurite' (default: in memory, gone when the process ends)", HelpName = "CONNECTION" };

    /// <summary>The task hub on Azure Storage.</summary>
    public Option<string> TaskHub { get; } = new("--task-hub") { Description = "Task hub on Azure Storage", DefaultValueFactory = _ => "alloy", HelpName = "NAME" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public HostOptions AddTo(Command command)
    {
        command.Options.Add(Pipelines);
        command.Options.Add(Catalog);
        command.Options.Add(Storage);
        command.Options.Add(TaskHub);
        return this;
    }

    /// <summary>The host options of <paramref name="parse"/>.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="runWorker">Whether this process runs the worker.</param>
    /// <param name="requireStorage">For commands on runs of other processes: fail without <c>--storage</c>.</param>
    public LocalAlloyOptions Read(ParseResult parse, bool runWorker, bool requireStorage = false)
    {
        string? storage = parse.GetValue(Storage);
        if (requireStorage && string.IsNullOrWhiteSpace(storage))
        {
            throw new UsageException(
                $"alloy {parse.CommandResult.Command.Name} needs --storage <connection>|azurite: in-memory runs end with the process that ran them.");
        }

        string folder = ResolveFolder(parse.GetValue(Pipelines));
        string? catalog = parse.GetValue(Catalog);
        if (catalog is not null && !File.Exists(catalog))
        {
            throw new UsageException($"model catalog '{catalog}' not found; pass an existing file to --catalog.");
        }

        return new LocalAlloyOptions
        {
            PipelinesFolder = folder,
            CatalogFile = catalog,
            Storage = storage,
            TaskHubName = parse.GetValue(TaskHub) ?? "alloy",
            RunWorker = runWorker,
        };
    }

    /// <summary>The pipelines folder: the one given, else <c>./pipelines</c>, else the copy next to the binary.</summary>
    public static string ResolveFolder(string? given)
    {
        if (given is not null)
        {
            return Directory.Exists(given)
                ? given
                : throw new UsageException($"pipelines folder '{given}' not found; pass an existing folder.");
        }

        return ShippedPath("pipelines", Directory.Exists)
            ?? throw new UsageException("no pipelines folder: run from the repository root or pass --pipelines DIR.");
    }

    /// <summary>A path under the working directory if it exists there, else under the binary's folder, else null.</summary>
    public static string? ShippedPath(string relative, Func<string, bool> exists)
    {
        if (exists(relative))
        {
            return relative;
        }

        string shipped = Path.Combine(AppContext.BaseDirectory, relative);
        return exists(shipped) ? shipped : null;
    }
}
