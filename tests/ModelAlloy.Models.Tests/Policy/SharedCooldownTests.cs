using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelAlloy.Models.Tests.Fakes;
using ModelAlloy.Models.Tests.Ledger;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Models.Tests.Policy;

/// <summary>
/// Two workers, each a gateway built from its own service provider as in two processes, sharing the cooldown and
/// ledger tables on Azurite and one clock. Model x and model y answer from separate loopback servers, so the
/// servers' request counts show which model each worker really called.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedCooldownTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly string _ledgerTable = AzuriteCollection.UniqueTable("ledger");
    private readonly string _cooldownTable = AzuriteCollection.UniqueTable("cool");
    private FakeModelServer _x = null!;
    private FakeModelServer _y = null!;

    public async Task InitializeAsync()
    {
        _x = await FakeModelServer.StartAsync();
        _y = await FakeModelServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _x.DisposeAsync();
        await _y.DisposeAsync();
    }

    [Fact]
    public async Task A_model_cooled_down_by_one_worker_is_skipped_by_another_until_the_cooldown_ends()
    {
        using GatewayHarness workerA = Worker();
        using GatewayHarness workerB = Worker();
        ScriptedResponse down = OpenAIWire.Error(500, "server_error", "down");
        _x.Enqueue(down, down, down);
        _y.Enqueue(OpenAIWire.Completion("y for A"), OpenAIWire.Completion("y for B"));

        ModelCallResult onA = await workerA.CallAsync(Request(), workerA.Runtime("run-a"));
        ModelCallResult onB = await workerB.CallAsync(Request(), workerB.Runtime("run-b"));
        _clock.Advance(Cooldown + TimeSpan.FromSeconds(1));
        _x.Enqueue(OpenAIWire.Completion("x is back"));
        ModelCallResult afterCooldown = await workerB.CallAsync(Request(), workerB.Runtime("run-c"));

        Assert.Equal(["ServerError", "ServerError", "ServerError", "Succeeded"], onA.Attempts.Select(a => a.Outcome));
        Assert.Equal(("y for B", "y"), (onB.Text, onB.ModelId));
        Assert.Equal(["CoolingDown", "Succeeded"], onB.Attempts.Select(a => a.Outcome));
        Assert.Equal(("x is back", "x"), (afterCooldown.Text, afterCooldown.ModelId));
        Assert.Equal(["Succeeded"], afterCooldown.Attempts.Select(a => a.Outcome));
        Assert.Equal(4, _x.Requests.Count); // A's three failures and the call after the cooldown: B never called x while it cooled
        Assert.Equal(2, _y.Requests.Count);
    }

    private GatewayHarness Worker()
    {
        ModelGatewayOptions options = TestCatalog.Options(TestCatalog.OpenAI("x", _x.BaseUri), TestCatalog.OpenAI("y", _y.BaseUri))
            .WithRole("chat", "x", "y");
        options.Cooldown = new CooldownOptions { FailureThreshold = 3, Duration = Cooldown };
        return GatewayHarness.Create(options, services => services
            .AddSingleton<TimeProvider>(_clock)
            .AddModelGatewayTableStorage(AzuriteCollection.Tables(azurite), _ledgerTable, _cooldownTable));
    }

    private static ModelCallRequest Request() => new() { Role = "chat", Messages = [ModelMessage.User("q")], Pipeline = "reviews" };
}
