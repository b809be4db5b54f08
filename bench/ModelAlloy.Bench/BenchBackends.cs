using ModelAlloy.Durable;

namespace ModelAlloy.Bench;

/// <summary>The backends the harness can run on, by the name given to <c>--backend</c>.</summary>
internal static class BenchBackends
{
    public static IReadOnlyList<string> Names { get; } = ["inmemory", "azure"];

    /// <summary>Configures the chosen backend; returns a cleanup action.</summary>
    public static Func<Task> Configure(string name, DurableTaskBuilder builder)
    {
        switch (name)
        {
            case "inmemory":
                builder.UseInMemoryBackend();
                return () => Task.CompletedTask;
            case "azure":
                return AzureStorageBench.Configure(builder);
            default:
                throw new ArgumentException($"Unknown backend '{name}'. Choose one of: {string.Join(", ", Names)}.");
        }
    }
}
