using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Evaluation.Scoring;
using ModelAlloy.Evaluation.SideBySide;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.SelfHosted;

/// <summary>
/// A side-by-side evaluation on this machine: a copy of the pipelines folder plus one generated baseline pipeline per
/// chosen catalog model, served by an in-memory <see cref="LocalAlloyHost"/> whose ledger the report is read from.
/// </summary>
public sealed class SideBySideSession : IAsyncDisposable
{
    private readonly string _folder;

    private SideBySideSession(LocalAlloyHost host, string folder, IReadOnlyList<EvalSystem> systems, TimeSpan runTimeout)
    {
        Host = host;
        _folder = folder;
        Systems = systems;
        Runner = new LocalSystemRunner(host, runTimeout);
        ModelCatalog catalog = host.Services.GetRequiredService<ModelCatalog>();
        ModelTiers = catalog.Models.ToDictionary(m => m.Id, m => m.Tier.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the host.</summary>
    public LocalAlloyHost Host { get; }

    /// <summary>Gets the systems under test: the pipelines, then the baselines.</summary>
    public IReadOnlyList<EvalSystem> Systems { get; }

    /// <summary>Gets the runner.</summary>
    public ISystemRunner Runner { get; }

    /// <summary>Gets the ledger every run records into.</summary>
    public ICostLedger Ledger => Host.Services.GetRequiredService<ICostLedger>();

    /// <summary>Gets the gateway (for a judge).</summary>
    public IModelGateway Gateway => Host.Services.GetRequiredService<IModelGateway>();

    /// <summary>Gets each catalog model's tier.</summary>
    public IReadOnlyDictionary<string, string> ModelTiers { get; }

    /// <summary>Prepares the folder, starts the host and checks every system's pipeline.</summary>
    /// <param name="options">The pipelines, baselines, folder and catalog.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The session.</returns>
    /// <exception cref="ArgumentException">Nothing to run, or an unknown baseline model.</exception>
    /// <exception cref="DirectoryNotFoundException">The pipelines folder does not exist.</exception>
    public static async Task<SideBySideSession> StartAsync(SideBySideSessionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.PipelinesFolder))
        {
            throw new DirectoryNotFoundException($"pipelines folder '{options.PipelinesFolder}' not found; pass --pipelines DIR or run from the repository root");
        }

        string folder = Directory.CreateTempSubdirectory("alloy-eval-").FullName;
        foreach (string file in Directory.EnumerateFiles(options.PipelinesFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        LocalAlloyHost? host = null;
        try
        {
            host = await LocalAlloyHost.StartAsync(
                new LocalAlloyOptions { PipelinesFolder = folder, CatalogFile = options.CatalogFile ?? Path.Combine(options.PipelinesFolder, "catalogs", "simulated.json") },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> catalogModels = host.Services.GetRequiredService<ModelCatalog>().Models.Select(m => m.Id).Order(StringComparer.Ordinal).ToList();
            IReadOnlyList<string> baselineModels = options.Baselines switch
            {
                null or [] => [],
                ["all"] => catalogModels,
                var ids => ids.Select(id => catalogModels.FirstOrDefault(m => string.Equals(m, id, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"baseline model '{id}' is not in the catalog; known: {string.Join(", ", catalogModels)}")).ToList(),
            };
            var systems = options.Pipelines.Select(EvalSystem.ForPipeline).Concat(BaselinePipelines.Write(folder, baselineModels, options.BaselinePrompt, options.BaselineRoutes)).ToList();
            if (systems.Count == 0)
            {
                throw new ArgumentException("nothing to run: give --pipeline NAME and/or --baselines all|MODEL,MODEL");
            }

            foreach (EvalSystem system in systems)
            {
                await host.Pipelines.GetSnapshotAsync(system.Pipeline, cancellationToken).ConfigureAwait(false);
            }

            var session = new SideBySideSession(host, folder, systems, options.RunTimeout);
            host = null;
            return session;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Creates a judge scorer on this session's gateway.</summary>
    /// <param name="role">The catalog role that judges.</param>
    /// <returns>The scorer.</returns>
    public JudgeScorer Judge(string role) => new(Gateway, role);

    /// <summary>Runs the dataset through every system.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="scorer">The scorer.</param>
    /// <param name="concurrency">Runs in flight at once.</param>
    /// <param name="progress">Receives progress lines.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    public Task<SideBySideReport> RunAsync(EvalDataset dataset, IAnswerScorer scorer, int concurrency, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        SideBySideRunner.RunAsync(dataset, Systems, Runner, scorer, Ledger, new SideBySideOptions { Concurrency = concurrency, ModelTiers = ModelTiers }, progress, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
