using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ModelAlloy.Infra.Tests.Bicep;
using ModelAlloy.Models;

namespace ModelAlloy.Infra.Tests.MainTemplate;

/// <summary>
/// The catalog settings the infra writes, with main.bicep's default models, go through the gateway's own loader
/// (<see cref="ModelCatalogConfiguration"/>) as environment variables and come out a valid catalog.
/// </summary>
public sealed partial class ModelCatalogSettingsTests
{
    private const string Endpoint = "https://cog-example.openai.azure.com/";

    [Fact]
    public async Task The_default_deployments_bind_to_a_valid_catalog_of_a_cheap_and_a_capable_model()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();
        FunctionAppSettings settings = FunctionAppSettings.Read(main);
        Dictionary<string, string?> environment = settings.Variables["modelCatalogAppSettings"].Concat(settings.Variables["modelRoleAppSettings"])
            .ToDictionary(s => s.Key, s => (string?)Evaluate(main, s.Value));

        ModelCatalog catalog = Load(environment);

        ModelDefinition cheap = catalog.Get("cheap");
        ModelDefinition capable = catalog.Get("capable");
        Assert.Equal((ModelProviderKind.AzureOpenAI, CredentialSource.ManagedIdentity, ModelTier.Economy, "gpt-4o-mini", Endpoint), (cheap.Provider, cheap.Credential, cheap.Tier, cheap.Deployment, cheap.Endpoint));
        Assert.Equal((ModelProviderKind.AzureOpenAI, CredentialSource.ManagedIdentity, ModelTier.Premium, "gpt-4o", Endpoint), (capable.Provider, capable.Credential, capable.Tier, capable.Deployment, capable.Endpoint));
        Assert.Equal((0.15m, 0.075m, 0.6m), (cheap.Prices.InputPerMillion, cheap.Prices.CachedInputPerMillion, cheap.Prices.OutputPerMillion));
        Assert.Equal((128000, 16384), (capable.ContextWindow, capable.MaxOutputTokens));
        foreach ((string role, string[] chain) in ExpectedAppSettings.Roles)
        {
            Assert.Equal(chain, catalog.ResolveChain(null, role).ModelIds);
        }
    }

    [Fact]
    public async Task Each_catalog_setting_names_a_property_the_configuration_binder_sets()
    {
        FunctionAppSettings settings = FunctionAppSettings.Read(await BicepCli.CompileMainAsync());
        string prefix = $"{ModelGatewayOptions.SectionName}__Models__";

        foreach (string name in settings.Variables["modelCatalogAppSettings"].Keys)
        {
            Assert.StartsWith(prefix, name, StringComparison.Ordinal);
            string[] path = name[prefix.Length..].Split("__");
            Assert.Contains(path[0], ExpectedAppSettings.ModelIds);
            Type type = typeof(ModelDefinition);
            foreach (string segment in path.Skip(1))
            {
                System.Reflection.PropertyInfo? property = type.GetProperty(segment);
                Assert.True(property is { CanWrite: true }, $"{name}: {type.Name} has no settable property '{segment}'");
                type = property!.PropertyType;
            }

            Assert.True(type.IsEnum || type.IsPrimitive || type == typeof(string) || type == typeof(decimal), $"{name} does not end at a value ({type.Name})");
        }
    }

    private static ModelCatalog Load(Dictionary<string, string?> environment)
    {
        string file = Path.Combine(Path.GetTempPath(), $"alloy-infra-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{}"); // everything from the app settings, roles included
        try
        {
            return new ModelCatalog(Options.Create(ModelCatalogConfiguration.Bind(ModelCatalogConfiguration.Build(file, environment))));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Describe(ModelCatalog catalog) => string.Join(" | ", catalog.Models.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m =>
        $"{m.Id} {m.Provider} {m.Endpoint} {m.Deployment} {m.Credential} {m.Tier} {m.ContextWindow} {m.MaxOutputTokens} {m.Prices.InputPerMillion} {m.Prices.CachedInputPerMillion} {m.Prices.OutputPerMillion}"));

    // Evaluates the few expression shapes the settings use, with main.bicep's parameter defaults; fails on any other.
    private static string Evaluate(ArmTemplate main, string value)
    {
        if (!value.StartsWith('['))
        {
            return value;
        }

        Match match = ParameterRead().Match(value);
        Assert.True(match.Success, $"unexpected setting expression {value}");
        string parameter = match.Groups["param"].Value;
        if (parameter == "openAiEndpoint")
        {
            return Endpoint;
        }

        JsonObject passed = main.Modules.Single(m => m.Name == "api").Parameters;
        Match forwarded = ParameterRead().Match((string)passed[parameter]!["value"]!);
        JsonNode node = main.Json["parameters"]![forwarded.Groups["param"].Value]!["defaultValue"]!;
        return match.Groups["field"].Success ? node[match.Groups["field"].Value]!.ToString() : node.ToString();
    }

    [GeneratedRegex(@"^\[(string\()?parameters\('(?<param>\w+)'\)(\.(?<field>\w+))?\)?\]$")]
    private static partial Regex ParameterRead();
}
