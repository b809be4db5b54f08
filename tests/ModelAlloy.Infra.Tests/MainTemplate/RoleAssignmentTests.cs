using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelAlloy.Infra.Tests.Bicep;

namespace ModelAlloy.Infra.Tests.MainTemplate;

/// <summary>The app's identity (and the deployer) get exactly the data roles the app needs, each on its one resource.</summary>
public sealed partial class RoleAssignmentTests
{
    // Built-in role definition ids.
    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Cognitive Services OpenAI User",
    };

    private static readonly (string Role, string Scope, bool Conditional)[] Expected =
    [
        ("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts", false),
        ("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts", false),
        ("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts", false),
        ("Monitoring Metrics Publisher", "Microsoft.Insights/components", false),
        ("Cognitive Services OpenAI User", "Microsoft.CognitiveServices/accounts", true), // only with an Azure OpenAI account
    ];

    [Fact]
    public async Task The_role_module_assigns_exactly_the_data_roles_each_on_its_resource()
    {
        ArmTemplate rbac = (await BicepCli.CompileMainAsync()).Module("api-roles");

        var actual = rbac.Resources.Where(r => ArmTemplate.Type(r) == "Microsoft.Authorization/roleAssignments").Select(r => (
            Role: RoleNames.GetValueOrDefault(RoleId(rbac, r), RoleId(rbac, r)),
            Scope: ScopeType((string)r["scope"]!),
            Conditional: r["condition"] is not null)).ToList();

        Assert.Equal(Expected.Order(), actual.Order());
    }

    [Fact]
    public async Task Roles_are_assigned_only_through_the_role_module_to_the_app_identity_and_the_deployer()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();

        var rbacModules = main.Modules.Where(m => m.Template.Resources.Any(r => ArmTemplate.Type(r) == "Microsoft.Authorization/roleAssignments")).ToList();
        Assert.Equal(["api-roles", "deployer-roles"], rbacModules.Select(m => m.Name).Order());
        Assert.Equal(Expected.Length * 2, main.AllResourcesOfType("Microsoft.Authorization/roleAssignments").Count());

        JsonObject app = rbacModules.Single(m => m.Name == "api-roles").Parameters;
        Assert.Matches(@"^\[reference\(.*'identity'\).*\.outputs\.principalId\.value\]$", (string)app["principalId"]!["value"]!);
        Assert.Equal("ServicePrincipal", (string)app["principalType"]!["value"]!);

        JsonObject deployer = rbacModules.Single(m => m.Name == "deployer-roles").Parameters;
        Assert.Equal("[parameters('principalId')]", (string)deployer["principalId"]!["value"]!);
        Assert.Equal("[parameters('principalType')]", (string)deployer["principalType"]!["value"]!);
        JsonObject deployerDeployment = main.Resources.Single(r => (string?)r["name"] == "deployer-roles");
        Assert.Equal("[not(empty(parameters('principalId')))]", (string)deployerDeployment["condition"]!);
    }

    private static string RoleId(ArmTemplate template, JsonObject assignment)
    {
        string expression = template.ResolveVariables((string)assignment["properties"]!["roleDefinitionId"]!);
        Match guid = Guid().Match(expression);
        Assert.True(guid.Success, $"no role definition id in {expression}");
        return guid.Value;
    }

    private static string ScopeType(string scope) =>
        new[] { "Microsoft.Storage/storageAccounts", "Microsoft.Insights/components", "Microsoft.CognitiveServices/accounts" }
            .SingleOrDefault(t => scope.Contains($"'{t}'", StringComparison.Ordinal)) ?? scope;

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
