using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelAlloy.Functions.Tests.Publishing;
using ModelAlloy.Hosting;
using ModelAlloy.Models;

namespace ModelAlloy.Functions.Tests.Settings;

/// <summary><c>local.settings.sample.json</c> as the Functions host turns it into configuration (<c>__</c> for <c>:</c>), through the app's registration.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly Dictionary<string, string?> Values = ReadValues();

    [Fact]
    public void Sample_runs_on_Azurite_with_the_isolated_worker()
    {
        Assert.Equal("UseDevelopmentStorage=true", Values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", Values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void Sample_catalog_passes_the_gateways_startup_validation_and_keeps_the_ledger_in_that_storage()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();
        using ServiceProvider services = new ServiceCollection().AddModelAlloy(configuration).BuildServiceProvider();

        ModelGatewayOptions options = services.GetRequiredService<IOptions<ModelGatewayOptions>>().Value; // throws when invalid

        Assert.Equal(["claude_haiku", "gpt_4o_mini", "sim_mini"], options.Models.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ANTHROPIC_API_KEY", options.Models["claude_haiku"].ApiKeyEnvironmentVariable);
        Assert.Equal("UseDevelopmentStorage=true", services.GetRequiredService<StorageConnection>().ConnectionString);
    }

    [Fact]
    public void Setting_names_are_valid_Linux_app_setting_names()
    {
        Assert.All(Values.Keys, name => Assert.True(name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'), $"'{name}' has a character Linux app settings refuse"));
    }

    private static Dictionary<string, string?> ReadValues()
    {
        using JsonDocument sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(PublishedApp.RepositoryRoot, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
    }
}
