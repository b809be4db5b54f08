using System.Text.Json.Nodes;

namespace ModelAlloy.Infra.Tests.Bicep;

/// <summary>
/// The app settings main.bicep writes on the function app, read from the compiled template: the site's settings must
/// come from literal variables of the api module (so every name is visible here), optionally behind a condition.
/// </summary>
/// <param name="Variables">Each settings variable the site's settings are made of, with its settings (name to value expression).</param>
/// <param name="Expression">The expression that combines them, e.g. <c>union(variables('a'), if(..., createObject(), variables('b')))</c>.</param>
public sealed record FunctionAppSettings(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Variables, string Expression)
{
    /// <summary>Gets every setting name the template can write.</summary>
    public IReadOnlyList<string> Names => Variables.Values.SelectMany(v => v.Keys).ToList();

    /// <summary>Reads the settings of the site in the <c>api</c> module.</summary>
    public static FunctionAppSettings Read(ArmTemplate main)
    {
        ArmTemplate api = main.Module("api");
        JsonObject site = api.Resources.Single(r => ArmTemplate.Type(r) == "Microsoft.Web/sites");
        JsonObject loop = site["properties"]!["siteConfig"]!["copy"]!.AsArray().Single(c => (string)c!["name"]! == "appSettings")!.AsObject();
        string source = Assert.Single(ArmTemplate.VariablesIn((string)loop["count"]!));
        string expression = (string)api.Variable(source)!;
        var variables = ArmTemplate.VariablesIn(expression).ToDictionary(
            name => name,
            name => (IReadOnlyDictionary<string, string>)api.Variable(name).AsObject().ToDictionary(s => s.Key, s => (string)s.Value!));
        return new FunctionAppSettings(variables, expression);
    }
}
