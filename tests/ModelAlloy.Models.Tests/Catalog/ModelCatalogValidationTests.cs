namespace ModelAlloy.Models.Tests.Catalog;

public sealed class ModelCatalogValidationTests
{
    [Fact]
    public void A_valid_catalog_has_no_errors()
    {
        Assert.Empty(ModelGatewayOptionsValidator.Collect(Valid()));
    }

    [Theory]
    [InlineData("Provider", "model 'gpt': Provider: is required")]
    [InlineData("Human", "model 'gpt': Provider: Human is not a catalog provider")]
    [InlineData("Endpoint", "model 'gpt': Endpoint: is required for provider AzureOpenAI")]
    [InlineData("EndpointNotUrl", "model 'gpt': Endpoint: 'not a url' is not an absolute http(s) URL")]
    [InlineData("EndpointWithKey", "model 'gpt': Endpoint: must not carry credentials")]
    [InlineData("ContextWindow", "model 'gpt': ContextWindow: must be a positive token count (got 0)")]
    [InlineData("MaxOutputTokens", "model 'gpt': MaxOutputTokens: must be positive and not larger than ContextWindow (got 999999)")]
    [InlineData("Prices", "model 'gpt': Prices: must not be negative")]
    [InlineData("KeyName", "model 'gpt': ApiKeyEnvironmentVariable: is required when Credential is EnvironmentVariable")]
    [InlineData("KeyValue", "model 'gpt': ApiKeyEnvironmentVariable: looks like a key, not a variable name")]
    [InlineData("Identity", "model 'gpt': Credential: ManagedIdentity is supported for AzureOpenAI only")]
    [InlineData("Simulation", "model 'gpt': Simulation: rates and Quality must be within [0, 1]")]
    public void Each_error_names_the_model_the_field_and_the_reason(string breakage, string expected)
    {
        ModelGatewayOptions options = Valid();
        ModelDefinition gpt = options.Models["gpt"];
        switch (breakage)
        {
            case "Provider": gpt.Provider = ModelProviderKind.Unspecified; break;
            case "Human": gpt.Provider = ModelProviderKind.Human; break;
            case "Endpoint": gpt.Endpoint = null; break;
            case "EndpointNotUrl": gpt.Endpoint = "not a url"; break;
            case "EndpointWithKey": gpt.Endpoint = "https://x.openai.azure.com/?api-key=abc"; break;
            case "ContextWindow": gpt.ContextWindow = 0; break;
            case "MaxOutputTokens": gpt.MaxOutputTokens = 999_999; break;
            case "Prices": gpt.Prices.OutputPerMillion = -1; break;
            case "KeyName": gpt.ApiKeyEnvironmentVariable = null; break;
            case "KeyValue": gpt.ApiKeyEnvironmentVariable = "sk-proj-abcdef0123456789abcdef"; break;
            case "Identity": gpt.Provider = ModelProviderKind.OpenAICompatible; gpt.Credential = CredentialSource.ManagedIdentity; gpt.ApiKeyEnvironmentVariable = null; break;
            case "Simulation": gpt.Simulation.ServerErrorRate = 1.5; break;
        }

        Assert.Contains(ModelGatewayOptionsValidator.Collect(options), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_must_reference_known_models_once()
    {
        ModelGatewayOptions options = Valid();
        options.Roles["triage"] = new ModelRoleOptions { Chain = ["gpt", "ghost", "gpt"] };
        options.Roles["empty"] = new ModelRoleOptions();

        List<string> errors = ModelGatewayOptionsValidator.Collect(options);

        Assert.Contains("role 'triage': Chain: model 'ghost' is not in ModelGateway:Models", errors);
        Assert.Contains("role 'triage': Chain: model 'gpt' is listed more than once", errors);
        Assert.Contains("role 'empty': Chain: is empty; list at least one model id", errors);
    }

    [Fact]
    public void A_role_that_escalates_to_a_human_needs_a_positive_escalation_timeout()
    {
        ModelGatewayOptions options = Valid();
        options.Roles["waiting"] = new ModelRoleOptions { Chain = ["gpt"], EscalateToHuman = true, EscalationTimeout = TimeSpan.Zero };
        options.Roles["final"] = new ModelRoleOptions { Chain = ["gpt"], EscalationTimeout = TimeSpan.Zero };

        List<string> errors = ModelGatewayOptionsValidator.Collect(options);

        Assert.Equal(["role 'waiting': EscalationTimeout: must be positive (got 00:00:00); it is how long a human has to answer, e.g. 1.00:00:00"], errors);
    }

    [Fact]
    public void Policy_settings_are_checked()
    {
        ModelGatewayOptions options = Valid();
        options.Retry.MaxAttemptsPerModel = 0;
        options.Budgets.DailyByPipeline["p"] = -1;

        List<string> errors = ModelGatewayOptionsValidator.Collect(options);

        Assert.Contains("ModelGateway:Retry:MaxAttemptsPerModel: must be at least 1", errors);
        Assert.Contains(errors, e => e.StartsWith("ModelGateway:Budgets:DailyByPipeline:p:", StringComparison.Ordinal));
    }

    [Fact]
    public void Building_the_catalog_throws_one_exception_listing_every_error()
    {
        ModelGatewayOptions options = Valid();
        options.Models["gpt"].ContextWindow = 0;
        options.Models["gpt"].Endpoint = null;

        var error = Assert.Throws<ModelGatewayException>(() => new ModelCatalog(Microsoft.Extensions.Options.Options.Create(options)));

        Assert.Equal(ModelErrorCodes.CatalogInvalid, error.ErrorCode);
        Assert.Contains("Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("ContextWindow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_models_and_roles_are_named_in_the_error()
    {
        var catalog = new ModelCatalog(Microsoft.Extensions.Options.Options.Create(Valid()));

        Assert.Equal(ModelErrorCodes.UnknownModel, Assert.Throws<ModelGatewayException>(() => catalog.Get("nope")).ErrorCode);
        var role = Assert.Throws<ModelGatewayException>(() => catalog.ResolveChain(null, "nope"));
        Assert.Contains("add ModelGateway:Roles:nope:Chain", role.Message, StringComparison.Ordinal);
    }

    internal static ModelGatewayOptions Valid()
    {
        var options = new ModelGatewayOptions();
        options.Models["gpt"] = new ModelDefinition
        {
            Id = "gpt",
            Provider = ModelProviderKind.AzureOpenAI,
            Endpoint = "https://contoso.openai.azure.com/",
            Deployment = "gpt-4o",
            Credential = CredentialSource.EnvironmentVariable,
            ApiKeyEnvironmentVariable = "AZURE_OPENAI_API_KEY",
            Prices = new ModelPrices { InputPerMillion = 2.5m, CachedInputPerMillion = 1.25m, OutputPerMillion = 10m },
            ContextWindow = 128_000,
            MaxOutputTokens = 16_384,
            Tier = ModelTier.Premium,
        };
        options.Roles["chat"] = new ModelRoleOptions { Chain = ["gpt"] };
        return options;
    }
}
