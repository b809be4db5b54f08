using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Tests.Replay;

public sealed class RequestCostModelTests
{
    [Fact]
    public void A_share_of_strong_calls_prices_a_million_requests()
    {
        // 200 input + 10 output tokens: weak 200·0.5/1M + 10·1.5/1M = $0.000115; strong 200·10/1M + 10·30/1M = $0.0023.
        var costs = new RequestCostModel(new TierPrice("w", 0.5m, 1.5m), new TierPrice("s", 10m, 30m), 200, 10);

        Assert.Equal(0.000115m, costs.WeakPerRequest);
        Assert.Equal(0.0023m, costs.StrongPerRequest);
        Assert.Equal(115m, costs.PerMillionRequests(0));
        Assert.Equal(2300m, costs.PerMillionRequests(1));
        Assert.Equal((0.75m * 115m) + (0.25m * 2300m), costs.PerMillionRequests(0.25));
    }

    [Fact]
    public void Prices_come_from_the_model_catalog()
    {
        string catalog = Path.Combine(AppContext.BaseDirectory, "models.sample.json");

        TierPrice price = RequestCostModel.FromCatalog(catalog, "gpt-4o");

        Assert.Equal(new TierPrice("gpt-4o", 2.5m, 10m), price);
        Assert.Throws<KeyNotFoundException>(() => RequestCostModel.FromCatalog(catalog, "no-such-model"));
    }
}
