namespace ModelAlloy.Pipelines.Research;

/// <summary>The research stage's activities: their names and their registration with a Durable Task SDK registry.</summary>
public static class ResearchActivities
{
    /// <summary>The search activity (input <see cref="SearchCall"/>, output the <see cref="SearchHit"/>s).</summary>
    public const string Search = "ModelAlloy_Pipeline_Search";

    /// <summary>Gets the activity names.</summary>
    public static IReadOnlyList<string> Names { get; } = [Search];

    /// <summary>Registers the activities.</summary>
    /// <param name="registry">The registry.</param>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddActivity<SearchActivity>(Search);
    }
}
