using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ModelAlloy.Models.Tests.Catalog;

public sealed class ModelCatalogConfigurationTests : IDisposable
{
    private const string Catalog = """
        {
          "ModelGateway": {
            "Models": {
              "gpt-4o-mini": {
                "Provider": "AzureOpenAI",
                "Endpoint": "https://contoso.openai.azure.com/",
                "Deployment": "mini",
                "Credential": "EnvironmentVariable",
                "ApiKeyEnvironmentVariable": "AZURE_OPENAI_API_KEY",
                "Prices": { "InputPerMillion": 0.15, "CachedInputPerMillion": 0.075, "OutputPerMillion": 0.6 },
                "ContextWindow": 128000,
                "MaxOutputTokens": 16384,
                "Tier": "Economy",
                "Tags": [ "fast" ]
              }
            },
            "Roles": { "classify": { "Chain": [ "gpt-4o-mini" ], "EscalateToHuman": true, "EscalationTimeout": "04:00:00" } },
            "Budgets": { "DailyByPipeline": { "triage": 5 } }
          }
        }
        """;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"models-{Guid.NewGuid():N}.json");

    public ModelCatalogConfigurationTests() => File.WriteAllText(_path, Catalog);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_shipped_sample_catalog_is_valid()
    {
        string sample = Path.Combine(AppContext.BaseDirectory, "models.sample.json");

        ModelGatewayOptions options = ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(sample, new Dictionary<string, string?>()));

        Assert.Empty(ModelGatewayOptionsValidator.Collect(options));
        Assert.Equal(5, options.Models.Count);
    }

    [Fact]
    public void Loads_every_field_from_the_json_file()
    {
        ModelGatewayOptions options = ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(_path, new Dictionary<string, string?>()));

        ModelDefinition model = options.Models["gpt-4o-mini"];
        Assert.Equal(("gpt-4o-mini", ModelProviderKind.AzureOpenAI, "mini", 0.075m, ModelTier.Economy), (model.Id, model.Provider, model.Deployment, model.Prices.CachedInputPerMillion, model.Tier));
        Assert.Equal(["fast"], model.Tags);
        Assert.Equal((true, TimeSpan.FromHours(4)), (options.Roles["classify"].EscalateToHuman, options.Roles["classify"].EscalationTimeout));
        Assert.Equal(5m, options.Budgets.DailyByPipeline["triage"]);
        Assert.Empty(ModelGatewayOptionsValidator.Collect(options));
    }

    [Fact]
    public void Environment_overrides_reach_models_whose_ids_are_not_variable_names()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ALLOY_MODEL__GPT_4O_MINI__ENDPOINT"] = "https://fabrikam.openai.azure.com/",
            ["ALLOY_MODEL__GPT_4O_MINI__PRICES__OUTPUTPERMILLION"] = "0.8",
            ["ModelGateway__Retry__MaxAttemptsPerModel"] = "5",
            ["ALLOY_MODEL__UNKNOWN__ENDPOINT"] = "https://ignored/",
        };

        ModelGatewayOptions options = ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(_path, environment));

        Assert.Equal("https://fabrikam.openai.azure.com/", options.Models["gpt-4o-mini"].Endpoint);
        Assert.Equal(0.8m, options.Models["gpt-4o-mini"].Prices.OutputPerMillion);
        Assert.Equal(5, options.Retry.MaxAttemptsPerModel);
        Assert.Single(options.Models);
    }

    [Fact]
    public void A_literal_secret_in_configuration_is_rejected_with_its_path()
    {
        var environment = new Dictionary<string, string?> { ["ALLOY_MODEL__GPT_4O_MINI__APIKEY"] = "0123456789abcdef0123456789abcdef" };

        ModelGatewayOptions options = ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(_path, environment));

        string error = Assert.Single(ModelGatewayOptionsValidator.Collect(options));
        Assert.StartsWith("setting 'ModelGateway:Models:gpt-4o-mini:APIKEY': literal secrets are not accepted", error, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_refuses_to_start_with_an_invalid_catalog()
    {
        var environment = new Dictionary<string, string?> { ["ALLOY_MODEL__GPT_4O_MINI__CONTEXTWINDOW"] = "0" };
        var services = new ServiceCollection().AddModelGateway(ModelCatalogConfiguration.Build(_path, environment));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ModelGatewayOptions>>().Value);

        Assert.Contains("model 'gpt-4o-mini': ContextWindow: must be a positive token count (got 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_a_catalog_error_naming_the_setting()
    {
        var environment = new Dictionary<string, string?> { ["ALLOY_MODEL__GPT_4O_MINI__PROVIDER"] = "Bedrock" };

        ModelGatewayOptions options = ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(_path, environment));

        Assert.Contains(
            "setting 'ModelGateway:Models:gpt-4o-mini:Provider': 'Bedrock' is not one of Unspecified, AzureOpenAI, OpenAICompatible, Anthropic, Simulated",
            ModelGatewayOptionsValidator.Collect(options));
    }
}
