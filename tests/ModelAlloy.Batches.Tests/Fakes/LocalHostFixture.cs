using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Batches.Tests.Fakes;

/// <summary>A self-hosted worker on DTFx in-memory over a <see cref="BatchWorkspace"/>, histories recorded; tests use their own batch ids.</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    private LocalAlloyHost? _host;

    public BatchWorkspace Workspace { get; } = new();

    public LocalAlloyHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _host = await LocalAlloyHost.StartAsync(
            new LocalAlloyOptions { PipelinesFolder = Workspace.PipelinesFolder, CatalogFile = Workspace.CatalogFile, RecordHistory = true },
            cancellationToken: TestTimeout.Token(60));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Workspace.Dispose();
    }
}
