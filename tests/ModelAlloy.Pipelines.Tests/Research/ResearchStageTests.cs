using DurableTask.Core.History;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Research;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.Research;

/// <summary>
/// The research stage end to end on the self-hosted worker: queries → searches fanned out (the first fails and is
/// retried) → claims per source → near-duplicates removed → structured → a synthesis whose [n] map to the sources.
/// </summary>
public sealed class ResearchStageTests : IAsyncLifetime
{
    private const string Question = "How do durable timers and retries work?";

    private static readonly SearchHit Timers = new() { Id = "timers.md", Title = "Durable timers", Url = "https://docs.test/timers", Content = "TIMERS-DOC" };
    private static readonly SearchHit Races = new() { Id = "races.md", Title = "Timeouts", Url = "https://docs.test/races", Content = "RACES-DOC" };
    private static readonly SearchHit Retries = new() { Id = "retries.md", Title = "Retries", Content = "RETRIES-DOC" };

    private readonly FlakySearchBackend _search = new(new Dictionary<string, SearchHit[]>
    {
        [Question] = [Timers],
        ["durable timers"] = [Races, Timers],
        ["retry policy"] = [Retries],
    });

    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = (await PipelineHost.StartAsync(configure: s => s.AddSingleton<ISearchBackend>(_search)))
        .Define("research.json", """
            { "name": "research", "stages": [ { "id": "dig", "kind": "research",
              "queries": { "role": "cheap" }, "maxQueries": 3, "maxResults": 2,
              "search": { "backend": "local", "maxAttempts": 3, "firstRetrySeconds": 0.1 },
              "claims": { "role": "a" }, "duplicateThreshold": 0.5,
              "structure": { "role": "b", "prompt": "Structure:\n{{claims}}" },
              "synthesizer": { "role": "capable", "prompt": "Q: {{input}}\nClaims:\n{{claims}}\nNotes: {{notes}}\nSources:\n{{sources}}" } } ] }
            """);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Searches_fan_out_a_failed_search_is_retried_and_the_answer_cites_the_sources_it_used()
    {
        _host.Server
            .Script("cheap", """{"queries":["durable timers","retry policy","ignored: over maxQueries"]}""")
            .Always("a", prompt => prompt switch
            {
                _ when prompt.Contains("TIMERS-DOC", StringComparison.Ordinal) => """{"claims":["Durable timers let an orchestration wait without using compute during the delay."]}""",
                _ when prompt.Contains("RACES-DOC", StringComparison.Ordinal) => """{"claims":["Durable timers let an orchestration wait without using any compute during the delay.","A timer raced with Task.WhenAny gives a timeout."]}""",
                _ => """{"claims":["A retry policy sets the maximum number of attempts."]}""",
            })
            .Script("b", "two themes: waiting, retrying")
            .Script("capable", "Timers wait without compute [1] and race for timeouts [2]; see also [7].");

        PipelineRunResult result = await _host.SucceedAsync("research", Question, "research-e2e");

        // Three queries (the question first), one search each, plus the retry of the call that failed.
        Assert.Equal(4, _search.Calls.Count);
        Assert.Equal(new[] { Question, "durable timers", "retry policy" }.Order(StringComparer.Ordinal), _search.Calls.Distinct().Order(StringComparer.Ordinal));
        Assert.Single(_host.History("research-e2e").OfType<TaskFailedEvent>());

        // A source found by two queries is one source, numbered where first found.
        StageRecord record = result.Stages.Single();
        Assert.Equal(
            [(1, "timers.md", "Durable timers", true), (2, "races.md", "Timeouts", true), (3, "retries.md", "Retries", false)],
            record.Sources!.Select(s => (s.Number, s.Id, s.Title, s.Cited)));
        Assert.Equal(
            "Timers wait without compute [1] and race for timeouts [2]; see also [7].\n\nSources:\n[1] Durable timers (https://docs.test/timers)\n[2] Timeouts (https://docs.test/races)",
            result.Output);
        Assert.Equal("3 queries, 3 sources, 4 claims, 1 near-duplicates removed, 2 of 3 sources cited; citations [7] name no source", record.Reason);

        // The near-duplicate from source 2 is gone; each claim keeps its source's number.
        string synthesis = _host.Server.Requests.Single(r => r.Model == "capable").Prompt;
        Assert.Equal(
            "Q: " + Question + "\nClaims:\n"
            + "- Durable timers let an orchestration wait without using compute during the delay. [1]\n"
            + "- A timer raced with Task.WhenAny gives a timeout. [2]\n"
            + "- A retry policy sets the maximum number of attempts. [3]\n"
            + "Notes: two themes: waiting, retrying\nSources:\n"
            + "[1] Durable timers (https://docs.test/timers)\n[2] Timeouts (https://docs.test/races)\n[3] Retries",
            synthesis);
        Assert.Equal(3, _host.Server.CallsTo("a"));
        Assert.Equal(
            ["research-claims", "research-claims", "research-claims", "research-queries", "research-structure", "research-synthesis"],
            _host.Ledger.Records.Select(r => r.TaskType).Order(StringComparer.Ordinal));
        Assert.Equal(["a", "a", "a", "b", "capable", "cheap"], record.Models.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_query_whose_retries_are_spent_is_left_out_and_every_query_failing_fails_the_stage()
    {
        _search.Failure = (_, query) => query == "retry policy" ? new HttpRequestException("search service unavailable") : null;
        _host.Server.Script("cheap", """{"queries":["durable timers","retry policy"]}""", """{"queries":["durable timers","retry policy"]}""")
            .Always("a", _ => """{"claims":["A claim."]}""").Always("b", _ => "notes").Always("capable", _ => "Answer [1].");

        PipelineRunResult partial = await _host.SucceedAsync("research", Question, "research-partial");

        Assert.Equal(3, _search.Calls.Count(q => q == "retry policy"));
        Assert.StartsWith("3 queries, 2 sources (1 searches failed), 2 claims, 1 near-duplicates removed", partial.Stages[0].Reason, StringComparison.Ordinal);

        _search.Failure = (_, _) => new HttpRequestException("search service unavailable");
        var failed = await _host.RunAsync("research", Question, "research-all-failed");

        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(
            "stage 'dig' of pipeline 'research': all 3 searches on 'local' failed after 3 attempts each; the first: search service unavailable",
            failed.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task A_misconfigured_backend_fails_the_stage_without_retrying()
    {
        _search.Failure = (_, _) => new SearchConfigurationException("local search corpus folder 'corpus' does not exist; set ModelAlloy:Search:Local:Folder");
        _host.Server.Script("cheap", """{"queries":["durable timers"]}""");

        var run = await _host.RunAsync("research", Question, "research-misconfigured");

        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Equal("stage 'dig' of pipeline 'research': local search corpus folder 'corpus' does not exist; set ModelAlloy:Search:Local:Folder", run.FailureDetails!.ErrorMessage);
        Assert.Equal(_search.Calls.Distinct().Count(), _search.Calls.Count);
        Assert.Empty(_host.History("research-misconfigured").OfType<TimerCreatedEvent>());
    }
}
