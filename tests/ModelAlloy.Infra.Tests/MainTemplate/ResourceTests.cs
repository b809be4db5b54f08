using System.Text.Json.Nodes;
using ModelAlloy.Infra.Tests.Bicep;

namespace ModelAlloy.Infra.Tests.MainTemplate;

/// <summary>main.bicep declares the azd quickstart's shape: Flex Consumption, .NET 10 isolated, the outputs azd reads.</summary>
public sealed class ResourceTests
{
    [Fact]
    public async Task Main_declares_the_resources_of_a_Flex_Consumption_app_with_optional_Azure_OpenAI()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();

        string[] types =
        [
            "Microsoft.Resources/resourceGroups", "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.Web/serverfarms",
            "Microsoft.Web/sites", "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/blobServices",
            "Microsoft.Storage/storageAccounts/blobServices/containers", "Microsoft.OperationalInsights/workspaces",
            "Microsoft.Insights/components", "Microsoft.CognitiveServices/accounts", "Microsoft.CognitiveServices/accounts/deployments",
            "Microsoft.Authorization/roleAssignments",
        ];
        Assert.Equal(types.Order(), DeclaredTypes(main).Order());
        Assert.Equal("[parameters('useAzureOpenAI')]", (string)main.Resources.Single(r => (string?)r["name"] == "openai")["condition"]!);
    }

    [Fact]
    public async Task The_function_app_runs_dotnet_isolated_10_on_a_flex_consumption_plan_with_its_identity()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();

        JsonNode plan = Assert.Single(main.AllResourcesOfType("Microsoft.Web/serverfarms"))["sku"]!;
        Assert.Equal(("FlexConsumption", "FC1"), ((string)plan["tier"]!, (string)plan["name"]!));
        JsonObject site = Assert.Single(main.AllResourcesOfType("Microsoft.Web/sites"));
        JsonNode config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal(("dotnet-isolated", "10.0"), ((string)config["runtime"]!["name"]!, (string)config["runtime"]!["version"]!));
        Assert.Equal("UserAssignedIdentity", (string)config["deployment"]!["storage"]!["authentication"]!["type"]!);
        Assert.Equal("UserAssigned", (string)site["identity"]!["type"]!);
        Assert.Equal("functionapp,linux", (string)site["kind"]!);
        Assert.Contains("'azd-service-name', parameters('serviceName')", (string)site["tags"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outputs_include_what_azd_reads()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();

        string[] azd = ["AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "SERVICE_API_NAME", "AZURE_FUNCTION_NAME"];
        Assert.Empty(azd.Except(main.Outputs.Keys));
    }

    [Fact]
    public async Task The_parameters_file_sets_every_required_parameter_and_no_unknown_one()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = main.Json["parameters"]!.AsObject();

        Assert.Empty(file.Select(p => p.Key).Except(declared.Select(p => p.Key)));
        Assert.Empty(declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key).Except(file.Select(p => p.Key)));
    }

    private static IEnumerable<string> DeclaredTypes(ArmTemplate template) =>
        template.Resources.Where(r => r["existing"] is null).Select(ArmTemplate.Type)
            .Where(t => t != "Microsoft.Resources/deployments")
            .Concat(template.Modules.SelectMany(m => DeclaredTypes(m.Template)))
            .Distinct();
}
