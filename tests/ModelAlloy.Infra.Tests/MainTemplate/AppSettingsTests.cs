using System.Text.RegularExpressions;
using ModelAlloy.Infra.Tests.Bicep;

namespace ModelAlloy.Infra.Tests.MainTemplate;

/// <summary>The function app's settings are exactly <see cref="ExpectedAppSettings"/>, and they bind to a valid catalog.</summary>
public sealed partial class AppSettingsTests
{
    [Fact]
    public async Task The_function_app_gets_exactly_the_expected_settings()
    {
        FunctionAppSettings settings = FunctionAppSettings.Read(await BicepCli.CompileMainAsync());

        Assert.Equal(ExpectedAppSettings.Always.Order(), settings.Variables["hostAppSettings"].Keys.Order());
        Assert.Equal(ExpectedAppSettings.WithAzureOpenAI.Order(), settings.Variables["modelCatalogAppSettings"].Keys.Order());
        Assert.Equal(ExpectedAppSettings.WithAzureOpenAIRoles.Order(), settings.Variables["modelRoleAppSettings"].Keys.Order());
        Assert.Equal(ExpectedAppSettings.All.Order(), settings.Names.Order());
    }

    [Fact]
    public async Task Catalog_settings_are_written_only_with_an_Azure_OpenAI_endpoint_and_no_setting_is_built_elsewhere()
    {
        FunctionAppSettings settings = FunctionAppSettings.Read(await BicepCli.CompileMainAsync());

        // createObject with arguments would be a setting whose name this test cannot see.
        Assert.Equal(
            "[union(variables('hostAppSettings'), if(empty(parameters('openAiEndpoint')), createObject(), union(variables('modelCatalogAppSettings'), variables('modelRoleAppSettings'))))]",
            settings.Expression);
    }

    [Fact]
    public async Task Nothing_else_writes_settings_on_the_function_app()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();

        // A sites/config "appsettings" resource would replace the site's settings wholesale.
        Assert.Empty(main.AllResourcesOfType("Microsoft.Web/sites/config"));
        Assert.Single(main.AllResourcesOfType("Microsoft.Web/sites"));
    }

    [Fact]
    public async Task Setting_values_are_parameters_or_literals_never_keys()
    {
        FunctionAppSettings settings = FunctionAppSettings.Read(await BicepCli.CompileMainAsync());

        foreach ((string name, string value) in settings.Variables.Values.SelectMany(v => v))
        {
            Assert.True(SafeValue().IsMatch(value), $"setting {name} = {value} is neither a literal nor built from parameters");
        }
    }

    // A literal without '[', or an expression reading only parameters (string/format of them).
    [GeneratedRegex(@"^([^\[].*|\[(string\(|format\('[^']*', )?parameters\('\w+'\)(\.\w+)?\)?\])$")]
    private static partial Regex SafeValue();
}
