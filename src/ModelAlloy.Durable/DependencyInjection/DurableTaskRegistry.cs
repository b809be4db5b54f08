namespace ModelAlloy.Durable;

/// <summary>
/// The orchestrators and activities a worker can run, by name (case-insensitive). Filled through
/// <c>services.AddDurableTask(b => b.AddOrchestrator(...).AddActivity(...))</c>.
/// </summary>
public sealed partial class DurableTaskRegistry
{
    private readonly Dictionary<string, OrchestratorRegistration> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The version recorded on instances whose orchestrator was registered without one.</summary>
    public string DefaultVersion { get; set; } = "1.0";

    internal bool TryGetOrchestrator(string name, out OrchestratorRegistration registration) =>
        _orchestrators.TryGetValue(name, out registration!);

    internal bool TryGetActivity(string name, out Func<IServiceProvider, ITaskActivity> factory) =>
        _activities.TryGetValue(name, out factory!);

    internal string VersionOf(string orchestratorName) =>
        _orchestrators.TryGetValue(orchestratorName, out var registration) && registration.Version is { } version ? version : DefaultVersion;

    private static void CheckName(string name, string kind)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"An {kind} name must not be empty.", nameof(name));
        }
    }

    // A second registration under one name would silently replace the first, and instances started for the first
    // would run the second: refuse it where the mistake is made.
    private static void AddUnique<T>(Dictionary<string, T> registrations, string name, string kind, T registration)
    {
        CheckName(name, kind);
        if (!registrations.TryAdd(name, registration))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered (names are case-insensitive); register each name once.", nameof(name));
        }
    }
}

/// <summary>How to create an orchestrator and which version it records.</summary>
internal sealed record OrchestratorRegistration(Func<IServiceProvider, ITaskOrchestrator> Factory, string? Version);
