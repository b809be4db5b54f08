using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelAlloy.Infra.Tests.Bicep;

namespace ModelAlloy.Infra.Tests.MainTemplate;

/// <summary>No key is created, read, written or output: every service is reached with Entra ID.</summary>
public sealed partial class SecretTests
{
    [Fact]
    public async Task The_template_reads_no_key_and_writes_no_key_or_instrumentation_key()
    {
        string json = (await BicepCli.CompileMainAsync()).Json.ToJsonString();

        Assert.DoesNotMatch(ListFunction(), json); // listKeys(, listConnectionStrings(, listSecrets(...
        Assert.DoesNotContain("AccountKey=", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securestring", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task No_setting_or_output_name_looks_like_a_secret()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();
        IEnumerable<string> outputs = main.Outputs.Keys.Concat(main.Modules.SelectMany(m => m.Template.Outputs.Keys));

        foreach (string name in FunctionAppSettings.Read(main).Names.Concat(outputs).Except(NotSecrets))
        {
            string[] words = Words().Matches(name).Select(m => m.Value.ToUpperInvariant()).ToArray();
            Assert.False(words.Intersect(SecretWords).Any() || name.Contains("connectionstring", StringComparison.OrdinalIgnoreCase), $"'{name}' is named like a secret");
        }
    }

    [Fact]
    public async Task Storage_Application_Insights_and_Azure_OpenAI_accept_Entra_ID_only()
    {
        ArmTemplate main = await BicepCli.CompileMainAsync();

        JsonNode storage = Properties(main, "Microsoft.Storage/storageAccounts");
        Assert.False((bool)storage["allowSharedKeyAccess"]!);
        Assert.False((bool)storage["allowBlobPublicAccess"]!);
        Assert.True((bool)storage["defaultToOAuthAuthentication"]!);
        Assert.True((bool)Properties(main, "Microsoft.Insights/components")["DisableLocalAuth"]!);
        Assert.True((bool)Properties(main, "Microsoft.CognitiveServices/accounts")["disableLocalAuth"]!);
    }

    // The Application Insights connection string is an address, not a credential: local auth is off (checked below),
    // so ingestion needs an Entra ID token. The monitoring module hands it to the api module under this name.
    private static readonly string[] NotSecrets = ["applicationInsightsConnectionString"];

    private static JsonNode Properties(ArmTemplate main, string type) =>
        Assert.Single(main.AllResourcesOfType(type), r => r["existing"] is null)["properties"]!;

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();

    // Anything named like a key, secret, password, token, SAS or connection string is suspect.
    private static readonly string[] SecretWords = ["KEY", "KEYS", "SECRET", "PASSWORD", "PWD", "TOKEN", "SAS", "SIGNATURE"];

    // The words of AzureWebJobsStorage__clientId or APPLICATIONINSIGHTS_CONNECTION_STRING: split at '_' and camel case.
    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")]
    private static partial Regex Words();
}
