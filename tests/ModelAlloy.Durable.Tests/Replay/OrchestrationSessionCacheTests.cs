using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelAlloy.Durable.Replay;
using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable.Tests.Replay;

public sealed class OrchestrationSessionCacheTests
{
    private static readonly OrchestrationRuntime Runtime =
        new(new DurableTaskRegistry(), new ServiceCollection().BuildServiceProvider(), JsonDataConverter.Default, NullLoggerFactory.Instance);

    private static OrchestrationSession Session(string id, string version = "v1") => new(Runtime, id) { HistoryVersion = version };

    [Fact]
    public void Cache_holds_at_most_its_capacity_and_evicts_the_least_recently_put()
    {
        var cache = new OrchestrationSessionCache(2);

        cache.Put(Session("a"));
        cache.Put(Session("b"));
        cache.Put(Session("c"));

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.TryTake("a", "v1"));
        Assert.NotNull(cache.TryTake("b", "v1"));
        Assert.NotNull(cache.TryTake("c", "v1"));
    }

    [Fact]
    public void Putting_a_session_back_makes_it_the_most_recent()
    {
        var cache = new OrchestrationSessionCache(2);
        cache.Put(Session("a"));
        cache.Put(Session("b"));

        cache.Put(cache.TryTake("a", "v1")!);
        cache.Put(Session("c"));

        Assert.Null(cache.TryTake("b", "v1"));
        Assert.NotNull(cache.TryTake("a", "v1"));
    }

    [Fact]
    public void Session_is_handed_out_once_until_it_is_put_back()
    {
        var cache = new OrchestrationSessionCache(4);
        var session = Session("a");
        cache.Put(session);

        Assert.Same(session, cache.TryTake("a", "v1"));
        Assert.Null(cache.TryTake("a", "v1"));
    }

    [Fact]
    public void Session_with_another_history_version_is_not_reused_and_is_dropped()
    {
        var cache = new OrchestrationSessionCache(4);
        cache.Put(Session("a", "v1"));

        Assert.Null(cache.TryTake("a", "v2"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Work_item_without_a_history_version_never_reuses_a_session()
    {
        var cache = new OrchestrationSessionCache(4);
        cache.Put(Session("a", "v1"));

        Assert.Null(cache.TryTake("a", null));
    }

    [Fact]
    public void Capacity_zero_keeps_nothing()
    {
        var cache = new OrchestrationSessionCache(0);

        cache.Put(Session("a"));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Negative_capacity_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrchestrationSessionCache(-1));
    }
}
