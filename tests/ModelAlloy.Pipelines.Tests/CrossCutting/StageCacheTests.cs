using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelAlloy.Models;
using ModelAlloy.Pipelines.Orchestration;
using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Pipelines.Tests.CrossCutting;

/// <summary>
/// The stage cache in memory on the self-hosted worker: a second identical run calls no provider (the loopback
/// server's request count) and its ledger row is marked as a hit; the time to live (a fake clock) and a changed
/// input or definition each make a miss.
/// </summary>
public sealed class StageCacheTests : IAsyncLifetime
{
    internal const string Cached = """
        { "name": "cached", "stages": [
            { "id": "answer", "kind": "chain", "taskType": "faq", "steps": [ { "role": "capable" } ], "cache": { "ttlSeconds": 3600 }, "next": "tail" },
            { "id": "tail", "kind": "chain", "steps": [ { "role": "cheap" } ] } ] }
        """;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private PipelineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = (await PipelineHost.StartAsync(configure: services => services.AddSingleton<TimeProvider>(_time))).Define("cached.json", Cached);
        _host.Server.Always("capable", prompt => $"capable on '{prompt}'").Always("cheap", prompt => $"cheap on '{prompt}'");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Cache_hit_on_a_second_identical_run_calls_no_provider_and_the_ledger_row_is_marked()
    {
        PipelineRunResult first = await _host.SucceedAsync("cached", "What is a refund window?", "cache-first");
        int calls = _host.Server.CallsTo("capable");

        PipelineRunResult second = await _host.SucceedAsync("cached", "What is a refund window?", "cache-second");

        Assert.Equal(1, calls);
        Assert.Equal(1, _host.Server.CallsTo("capable"));
        Assert.Equal(first.Output, second.Output);
        Assert.Null(first.Stages[0].CacheHit);
        StageRecord hit = second.Stages[0];
        Assert.True(hit.CacheHit);
        Assert.Equal(0m, hit.CostUsd);
        Assert.Empty(hit.Models);
        Assert.True(first.Stages[0].CostUsd > 0m);
        Assert.Equal(first.Stages[0].CostUsd, hit.SavedCostUsd);
        Assert.StartsWith("cache hit (stored 2026-12-01 09:00:00Z): 1 steps", hit.Reason, StringComparison.Ordinal);
        Assert.Null(second.Stages[1].CacheHit); // the uncached stage still runs
        Assert.Equal(2, _host.Server.CallsTo("cheap"));

        CostRecord row = Assert.Single(_host.Ledger.Records, r => r.RunId == "cache-second" && r.Stage == "answer");
        Assert.Equal((CostRecord.StageCacheHitOutcome, 0m, first.Stages[0].CostUsd, "faq", "memory"), (row.Outcome, row.CostUsd, row.SavedCostUsd, row.TaskType, row.Deployment));
        Assert.True(row.StageCacheHit);
        Assert.False(row.ReachedProvider);
        Assert.Contains("1 stage cache hits saved", CostReport.Write(_host.Ledger.Records, row.Day, row.Day), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_past_its_time_to_live_is_a_miss_and_the_stage_runs_again()
    {
        await _host.SucceedAsync("cached", "How do I reset my password?", "cache-ttl-1");
        _time.Advance(TimeSpan.FromSeconds(3599));
        PipelineRunResult fresh = await _host.SucceedAsync("cached", "How do I reset my password?", "cache-ttl-2");
        _time.Advance(TimeSpan.FromSeconds(2));

        PipelineRunResult expired = await _host.SucceedAsync("cached", "How do I reset my password?", "cache-ttl-3");

        Assert.True(fresh.Stages[0].CacheHit);
        Assert.Null(expired.Stages[0].CacheHit);
        Assert.Equal(["capable"], expired.Stages[0].Models);
        Assert.Equal(2, _host.Server.CallsTo("capable"));
        Assert.DoesNotContain(_host.Ledger.Records, r => r.RunId == "cache-ttl-3" && r.StageCacheHit);
    }

    [Fact]
    public async Task A_different_input_or_an_edited_stage_is_a_miss()
    {
        await _host.SucceedAsync("cached", "Where is my parcel?", "cache-key-1");
        PipelineRunResult otherInput = await _host.SucceedAsync("cached", "Where is my order?", "cache-key-2");
        _host.Define("cached.json", Cached.Replace("\"role\": \"capable\" }", "\"role\": \"capable\", \"system\": \"Be brief.\" }", StringComparison.Ordinal));

        PipelineRunResult edited = await _host.SucceedAsync("cached", "Where is my parcel?", "cache-key-3");

        Assert.Null(otherInput.Stages[0].CacheHit);
        Assert.Null(edited.Stages[0].CacheHit);
        Assert.Equal(3, _host.Server.CallsTo("capable"));
    }
}
