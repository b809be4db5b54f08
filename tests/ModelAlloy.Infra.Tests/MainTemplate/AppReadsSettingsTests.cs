using System.Text.Json.Nodes;
using ModelAlloy.Hosting;
using ModelAlloy.Infra.Tests.Bicep;

namespace ModelAlloy.Infra.Tests.MainTemplate;

/// <summary>
/// What the infra writes against what the app reads (<see cref="AppSettings"/>, the catalog the registration code reads
/// its keys from), both ways: no setting nobody reads, no needed setting missing.
/// </summary>
public sealed class AppReadsSettingsTests
{
    [Fact]
    public async Task Every_setting_the_infra_writes_is_one_the_app_reads()
    {
        FunctionAppSettings settings = FunctionAppSettings.Read(await BicepCli.CompileMainAsync());

        string[] unread = settings.Names.Where(name => !AppSettings.IsRead(name)).ToArray();

        Assert.True(unread.Length == 0, $"written but never read (dead configuration): {string.Join(", ", unread)}");
        Assert.Contains(AppSettings.ApplicationInsightsConnectionString, settings.Names);
    }

    [Fact]
    public async Task Every_setting_the_app_needs_on_Azure_is_written_and_model_sections_with_the_models()
    {
        FunctionAppSettings settings = FunctionAppSettings.Read(await BicepCli.CompileMainAsync());
        List<string> always = [.. settings.Variables["hostAppSettings"].Keys];
        List<string> withModels = [.. settings.Variables["modelCatalogAppSettings"].Keys, .. settings.Variables["modelRoleAppSettings"].Keys];

        foreach (AppSetting needed in AppSettings.All.Where(s => s.Need == AppSettingNeed.Always))
        {
            Assert.True(always.Contains(needed.Name), $"{needed.Name} (read by {needed.ReadBy}) is not written on every deployment");
        }

        foreach (AppSetting section in AppSettings.All.Where(s => s.Need == AppSettingNeed.WithModels))
        {
            Assert.True(withModels.Any(section.Reads), $"nothing under {section.Name} (read by {section.ReadBy}) is written with the models");
        }
    }

    [Fact]
    public void The_catalog_tells_read_keys_from_unread_ones()
    {
        // The same check the infra comparison relies on, on keys it must reject, so a catalog that reads everything fails.
        Assert.True(AppSettings.IsRead("ModelGateway__Models__cheap__Prices__InputPerMillion"));
        Assert.True(AppSettings.IsRead("ModelGateway__Roles__judge__Chain__1"));
        Assert.True(AppSettings.IsRead("ModelAlloy:Telemetry:RecordContent"));
        Assert.False(AppSettings.IsRead("ModelGateway__Models__cheap__Price"));
        Assert.False(AppSettings.IsRead("ModelGateway__Roles__judge__Chain__first"));
        Assert.False(AppSettings.IsRead("ModelGateway__Models"));
        Assert.False(AppSettings.IsRead("APPINSIGHTS_INSTRUMENTATIONKEY"));
        Assert.False(AppSettings.IsRead("AzureWebJobsStorage__blobServiceUri__extra"));
    }

    [Fact]
    public void Every_role_the_example_pipelines_call_is_a_valid_app_setting_name_and_is_written()
    {
        string pipelines = Path.GetFullPath(Path.Combine(BicepCli.InfraDirectory, "..", "pipelines"));
        HashSet<string> roles = Directory.GetFiles(pipelines, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .SelectMany(f => RolesIn(JsonNode.Parse(File.ReadAllText(f))))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(roles);
        foreach (string role in roles)
        {
            Assert.True(role.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'), $"role '{role}' cannot be a Linux app setting name (letters, digits and '_' only)");
            Assert.True(ExpectedAppSettings.Roles.ContainsKey(role), $"pipelines call role '{role}' but the infra writes no ModelGateway__Roles__{role}__Chain");
        }
    }

    private static IEnumerable<string> RolesIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "role" && p.Value is JsonValue v && v.TryGetValue(out string? role) ? [role] : RolesIn(p.Value)),
        JsonArray a => a.SelectMany(RolesIn),
        _ => [],
    };
}
