using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>
/// The gateway wired as in production (AddModelGateway), with the test's catalog, a dictionary of secrets, an
/// in-memory ledger and cooldowns, captured logs, and a runtime that records waits instead of sleeping.
/// </summary>
public sealed class GatewayHarness : IDisposable
{
    private GatewayHarness(ServiceProvider services, CapturingLoggerProvider logs)
    {
        Services = services;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public InMemoryCostLedger Ledger => (InMemoryCostLedger)Services.GetRequiredService<ICostLedger>();

    public IModelAttemptExecutor Executor => Services.GetRequiredService<IModelAttemptExecutor>();

    public static GatewayHarness Create(ModelGatewayOptions options, Action<IServiceCollection>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        AddGateway(services, options, logs, configure);
        return new GatewayHarness(services.BuildServiceProvider(), logs);
    }

    /// <summary>The gateway as the tests wire it: given catalog, captured logs, the test key in a dictionary.</summary>
    public static void AddGateway(IServiceCollection services, ModelGatewayOptions options, CapturingLoggerProvider logs, Action<IServiceCollection>? configure)
    {
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<IOptions<ModelGatewayOptions>>(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton<ISecretSource>(new DictionarySecretSource(new Dictionary<string, string> { [TestCatalog.KeyVariable] = TestCatalog.Secret }));
        configure?.Invoke(services);
        services.AddModelGateway(new ConfigurationBuilder().Build());
    }

    public RecordingRuntime Runtime(string runId = "run-1") => new(Executor, runId);

    public Task<ModelCallResult> CallAsync(ModelCallRequest request, RecordingRuntime? runtime = null) =>
        ModelCallLoop.RunAsync(runtime ?? Runtime(), request, TestTimeout.Token());

    public void Dispose() => Services.Dispose();
}

/// <summary>A secret source backed by a dictionary.</summary>
public sealed class DictionarySecretSource(IReadOnlyDictionary<string, string> secrets) : ISecretSource
{
    public string? Get(string name) => secrets.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>Runs attempts directly and records each requested wait instead of sleeping (timer tests in milliseconds).</summary>
public sealed class RecordingRuntime(IModelAttemptExecutor executor, string runId) : IModelCallRuntime
{
    private readonly RecordingExecutor _recording = new(executor);
    private int _sequence;

    public List<TimeSpan> Delays { get; } = [];

    public List<ModelAttemptInput> Inputs => _recording.Inputs;

    public string RunId => runId;

    public DateTime UtcNow { get; set; } = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    public int NextCallSequence() => ++_sequence;

    public Task<ModelCallOpening> OpenAsync(ModelCallOpeningInput input, CancellationToken cancellationToken) =>
        ModelCallOpener.OpenAsync(_recording, input, cancellationToken);

    public Task<ModelAttemptOutcome> RunAttemptAsync(ModelAttemptInput input, CancellationToken cancellationToken) =>
        _recording.RunAttemptAsync(input, cancellationToken);

    /// <summary>Records every attempt's input: the first, which the opening step runs, and the loop's further ones.</summary>
    private sealed class RecordingExecutor(IModelAttemptExecutor inner) : IModelAttemptExecutor
    {
        public List<ModelAttemptInput> Inputs { get; } = [];

        public Task<ModelCallPlan> ResolvePlanAsync(ModelCallRequest request, CancellationToken cancellationToken = default) =>
            inner.ResolvePlanAsync(request, cancellationToken);

        public Task<ModelAttemptOutcome> RunAttemptAsync(ModelAttemptInput input, CancellationToken cancellationToken = default)
        {
            Inputs.Add(input);
            return inner.RunAttemptAsync(input, cancellationToken);
        }
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Delays.Add(delay);
        UtcNow += delay;
        return Task.CompletedTask;
    }
}
