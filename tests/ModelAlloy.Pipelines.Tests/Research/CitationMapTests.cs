using ModelAlloy.Pipelines.Research;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>Citations in a synthesis map to the sources found; unknown numbers are reported; the output lists what was cited.</summary>
public sealed class CitationMapTests
{
    private static readonly ResearchSource[] Sources =
    [
        new() { Number = 1, Id = "timers.md", Title = "Durable timers", Url = "timers.md" },
        new() { Number = 2, Id = "retries.md", Title = "Retries" },
        new() { Number = 3, Id = "hubs.md", Title = "Task hubs", Url = "hubs.md" },
        new() { Number = 4, Id = "events.md", Title = "External events", Url = "events.md" },
    ];

    [Fact]
    public void Single_grouped_and_adjacent_citations_are_all_mapped()
    {
        (IReadOnlyList<ResearchSource> mapped, IReadOnlyList<int> unknown) = CitationMap.Map("Timers wait [1]. Retries back off [2, 4][4]. Hubs isolate apps [9].", Sources);

        Assert.Equal([true, true, false, true], mapped.Select(s => s.Cited));
        Assert.Equal([9], unknown);
    }

    [Fact]
    public void Output_lists_only_the_cited_sources()
    {
        (IReadOnlyList<ResearchSource> mapped, _) = CitationMap.Map("Hubs isolate apps [3]; timers wait [1].", Sources);

        Assert.Equal("Hubs isolate apps [3]; timers wait [1].\n\nSources:\n[1] Durable timers (timers.md)\n[3] Task hubs (hubs.md)", CitationMap.AppendSources("Hubs isolate apps [3]; timers wait [1].\n", mapped));
    }

    [Fact]
    public void An_answer_without_citations_says_so()
    {
        (IReadOnlyList<ResearchSource> mapped, IReadOnlyList<int> unknown) = CitationMap.Map("[simulated:sim-large] answer 1a2b to: question", Sources);

        Assert.Empty(unknown);
        Assert.EndsWith("Sources: none cited (the answer cites none of the 4 sources found)", CitationMap.AppendSources("x", mapped), StringComparison.Ordinal);
    }
}
